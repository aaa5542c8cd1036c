using System.Text.Json.Nodes;
using FieldSync.Client.Storage;
using FieldSync.Client.Sync;

namespace FieldSync.Client;

/// <summary>
/// One collection of the local store. Every method works offline: writes land in the local file and in the outbox at
/// once, and reach the server at the next sync. Get it from <see cref="FieldSyncClient.Collection"/>.
/// </summary>
public sealed class SyncCollection
{
    private readonly LocalStore _store;
    private readonly TimeProvider _clock;
    private readonly Action _changed;

    internal SyncCollection(string name, LocalStore store, TimeProvider clock, Action changed) =>
        (Name, _store, _clock, _changed) = (name, store, clock, changed);

    /// <summary>The collection's name, as the server's configuration names it.</summary>
    public string Name { get; }

    /// <summary>
    /// Writes the document's data fields (the whole document: fields left out are removed) and queues the change: a
    /// <c>create</c> when the device does not hold the document, else an <c>update</c> of only the changed fields with the
    /// <c>$version</c> it was edited from. Several edits before a sync become one update. Fields starting with <c>$</c> are
    /// the server's and are ignored.
    /// </summary>
    /// <param name="id">The document id: 1 to 128 letters, digits or <c>. _ : -</c>.</param>
    /// <param name="document">The data fields, e.g. <c>first_name</c>, <c>facility_id</c>.</param>
    /// <param name="cancellationToken">Cancels waiting for the local database.</param>
    /// <returns>False when the document already had exactly these fields, so nothing was queued.</returns>
    /// <exception cref="ArgumentException">The id is not a valid id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public async Task<bool> PutAsync(string id, JsonObject document, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        ArgumentNullException.ThrowIfNull(document);
        var queued = await _store.PutAsync(Name, id, document, _clock.GetUtcNow(), cancellationToken);
        if (queued)
        {
            _changed();
        }

        return queued;
    }

    /// <summary>
    /// Deletes the document locally and queues the delete. A document created on this device and never sent simply goes.
    /// The server keeps a tombstone, so the id is not used again.
    /// </summary>
    /// <returns>False when the device does not hold the document.</returns>
    /// <exception cref="ArgumentException">The id is not a valid id.</exception>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        var deleted = await _store.DeleteAsync(Name, id, _clock.GetUtcNow(), cancellationToken);
        if (deleted)
        {
            _changed();
        }

        return deleted;
    }

    /// <summary>
    /// The document as the device sees it (with local edits), including the server's <c>$id</c>, <c>$collection</c> and,
    /// once it has been synced, <c>$version</c>, <c>$createdAt</c>, <c>$updatedAt</c> of the server copy it was edited from.
    /// </summary>
    /// <returns>The document, or null when the device does not hold it (or deleted it).</returns>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public Task<JsonObject?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return _store.GetAsync(Name, id, cancellationToken);
    }

    /// <summary>Every document of the collection the device holds, by id, with local edits.</summary>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public Task<IReadOnlyList<JsonObject>> ListAsync(CancellationToken cancellationToken = default) =>
        _store.ListAsync(Name, cancellationToken);

    private static void CheckId(string id)
    {
        if (!ClientSettings.IsId(id))
        {
            throw new ArgumentException("A document id is 1 to 128 letters, digits or . _ : - characters.", nameof(id));
        }
    }
}
