using System.Text.Json.Nodes;
using FieldSync.Client.Sync;
using FieldSync.Client.Wire;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

internal sealed partial class LocalStore
{
    /// <summary>The saved checkpoint of each key (a collection, or <c>*</c> for all synced ones); null for none yet.</summary>
    public Task<IReadOnlyDictionary<string, string?>> CheckpointsAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<string, string?>>(t =>
        {
            var saved = Db.Query(t, "SELECT collection, checkpoint FROM checkpoints", r => (Key: r.GetString(0), Checkpoint: r.GetString(1)))
                .ToDictionary(p => p.Key, p => p.Checkpoint, StringComparer.Ordinal);
            return keys.ToDictionary(k => k, k => saved.GetValueOrDefault(k), StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>
    /// Stores one page and its checkpoint in one transaction, so an interrupted pull resumes after the last stored page.
    /// A document with queued edits keeps them: the server's copy is only kept aside. Nothing goes back to an older version.
    /// </summary>
    /// <exception cref="FieldSyncException">The page is malformed (a document without <c>$id</c>, <c>$collection</c> or <c>$version</c>).</exception>
    public Task<PageOutcome> ApplyPageAsync(IReadOnlyList<string> keys, PullResponseBody page, string checkpoint, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        RunAsync(t =>
        {
            var documents = page.Documents ?? [];
            foreach (var document in documents)
            {
                StoreServerCopy(t, document);
            }

            var deletions = page.Deletions ?? [];
            foreach (var deletion in deletions)
            {
                StoreDeletion(t, deletion);
            }

            foreach (var key in keys)
            {
                Db.Execute(t, """
                    INSERT INTO checkpoints (collection, checkpoint, updated_at) VALUES ($k, $cp, $at)
                    ON CONFLICT (collection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at
                    """, ("$k", key), ("$cp", checkpoint), ("$at", Db.Time(now)));
            }

            return new PageOutcome(documents.Count, deletions.Count);
        }, cancellationToken);

    private static void StoreServerCopy(SqliteTransaction transaction, JsonObject document)
    {
        var collection = JsonFields.Text(document, "$collection");
        var id = JsonFields.Text(document, "$id");
        if (collection is null || id is null || JsonFields.Version(document) is not { } version)
        {
            throw SyncErrors.BadResponse("a pulled document lacks $id, $collection or $version.");
        }

        var body = document.ToJsonString();
        Db.Execute(transaction, """
            INSERT INTO documents (collection, id, body, version, dirty) VALUES ($c, $i, $b, $v, 0)
            ON CONFLICT (collection, id) DO UPDATE SET
                body = CASE WHEN dirty = 0 THEN excluded.body ELSE body END,
                server_body = CASE WHEN dirty = 0 THEN NULL ELSE excluded.body END,
                version = excluded.version
            WHERE version IS NULL OR version <= excluded.version
            """, ("$c", collection), ("$i", id), ("$b", body), ("$v", version));
    }

    private static void StoreDeletion(SqliteTransaction transaction, DeletionNotice deletion)
    {
        (string, object?)[] keys = [("$c", deletion.Collection), ("$i", deletion.Id), ("$v", deletion.Version)];
        Db.Execute(transaction, "DELETE FROM documents WHERE collection = $c AND id = $i AND dirty = 0 AND (version IS NULL OR version <= $v)", keys);
        Db.Execute(transaction, """
            UPDATE documents SET server_body = NULL, version = $v
            WHERE collection = $c AND id = $i AND dirty = 1 AND (version IS NULL OR version <= $v)
            """, keys);
    }
}
