using System.Text.Json;
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
    /// When the page names the user's facilities and they changed, documents of other facilities leave the device.
    /// </summary>
    public Task<PageOutcome> ApplyPageAsync(PageWrite write, CancellationToken cancellationToken) =>
        RunAsync(t =>
        {
            var documents = write.Page.Documents ?? [];
            var deletions = write.Page.Deletions ?? [];
            using (var statements = new PageStatements(t))
            {
                foreach (var document in documents)
                {
                    statements.Store(document);
                }

                foreach (var deletion in deletions)
                {
                    statements.Delete(deletion);
                }
            }

            if (write.Page.Facilities is { } facilities)
            {
                DropOtherFacilities(t, write.Keys, facilities, write.FacilityFieldOf);
            }

            foreach (var key in write.Keys)
            {
                Db.Execute(t, """
                    INSERT INTO checkpoints (collection, checkpoint, updated_at) VALUES ($k, $cp, $at)
                    ON CONFLICT (collection) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at
                    """, ("$k", key), ("$cp", write.Checkpoint), ("$at", Db.Time(write.Now)));
            }

            return new PageOutcome(documents.Count, deletions.Count);
        }, cancellationToken);

    // A membership the user lost empties the device of that facility. Queued edits stay until the server answers them
    // (it refuses them now), but the server copy they would fall back to is gone.
    private static void DropOtherFacilities(SqliteTransaction transaction, IReadOnlyList<string> keys, IReadOnlyList<string> facilities,
        Func<string, string> facilityFieldOf)
    {
        var scope = JsonSerializer.Serialize(facilities, WireJson.Default.IReadOnlyListString);
        var marker = "facilities:" + string.Join(',', keys);
        var known = Db.Query(transaction, "SELECT value FROM store_info WHERE key = $k", r => r.GetString(0), ("$k", marker));
        if (known is [var same] && same == scope)
        {
            return;
        }

        var collections = keys is ["*"] ? Db.Query(transaction, "SELECT DISTINCT collection FROM documents", r => r.GetString(0)) : keys;
        foreach (var collection in collections)
        {
            (string, object?)[] arguments =
                [("$c", collection), ("$path", "$.\"" + facilityFieldOf(collection).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""),
                ("$scope", scope)];
            Db.Execute(transaction, """
                DELETE FROM documents WHERE collection = $c AND dirty = 0
                AND COALESCE(json_extract(body, $path), '') NOT IN (SELECT value FROM json_each($scope))
                """, arguments);
            Db.Execute(transaction, """
                UPDATE documents SET server_body = NULL WHERE collection = $c AND dirty = 1 AND server_body IS NOT NULL
                AND COALESCE(json_extract(server_body, $path), '') NOT IN (SELECT value FROM json_each($scope))
                """, arguments);
        }

        Db.Execute(transaction, "INSERT INTO store_info (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            ("$k", marker), ("$v", scope));
    }
}
