namespace FieldSync.Core.Storage;

/// <summary>
/// A consistent read view for one pull. <see cref="Horizon"/> is the highest change sequence the view may return:
/// every change at or below it is committed and visible, so a checkpoint never needs to pass it.
/// </summary>
public interface IChangeReader : IDocumentLookup, IAsyncDisposable
{
    /// <summary>The highest sequence this view may hand out; no change at or below it can still be in flight.</summary>
    long Horizon { get; }

    /// <summary>
    /// The changes of the query in sequence order, each document once at its newest version. With
    /// <see cref="ChangeQuery.IncludeDeleted"/> and a limited scope, a document that left one of the scope's facilities
    /// for a facility outside the scope comes as a tombstone of the facility it left.
    /// </summary>
    IAsyncEnumerable<StoredChange> ReadChangesAsync(ChangeQuery query, CancellationToken cancellationToken);
}
