using FieldSync.Core.Documents;

namespace FieldSync.Core.Storage;

/// <summary>Reads single documents, tombstones included, from a transaction or a read view.</summary>
public interface IDocumentLookup
{
    /// <summary>The document (live or tombstone), or null when it never existed.</summary>
    Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken);
}
