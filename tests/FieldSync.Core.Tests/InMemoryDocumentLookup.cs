using FieldSync.Core.Documents;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Tests;

/// <summary>The documents a validation may read, kept in memory; tombstones included, as storage keeps them.</summary>
internal sealed class InMemoryDocumentLookup : IDocumentLookup
{
    private readonly Dictionary<(string Collection, string Id), SyncDocument> _documents = [];

    public InMemoryDocumentLookup Add(SyncDocument document)
    {
        _documents[(document.Collection, document.Id)] = document;
        return this;
    }

    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.GetValueOrDefault((collection, id)));
}
