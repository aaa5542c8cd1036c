using FieldSync.Core.Documents;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Validation;

/// <summary>
/// The reads of one validation: a document that several rules look at (an immunization record's patient, for its
/// reference and for the schedule) is read and parsed once. Nothing is written while a document is validated.
/// </summary>
internal sealed class MemoizedLookup(IDocumentLookup inner) : IDocumentLookup
{
    private readonly Dictionary<(string Collection, string Id), SyncDocument?> _read = [];

    public async Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken)
    {
        if (!_read.TryGetValue((collection, id), out var document))
        {
            document = await inner.GetAsync(collection, id, cancellationToken);
            _read[(collection, id)] = document;
        }

        return document;
    }
}
