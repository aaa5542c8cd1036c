using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

internal sealed partial class LocalStore
{
    /// <summary>The local view of one document; null when absent or deleted locally.</summary>
    public Task<JsonObject?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        RunAsync(t => Db.Query(t, "SELECT body FROM documents WHERE collection = $c AND id = $i AND body IS NOT NULL",
            r => Db.Json(r, 0)!, ("$c", collection), ("$i", id)).FirstOrDefault(), cancellationToken);

    /// <summary>The local view of a collection, by id.</summary>
    public Task<IReadOnlyList<JsonObject>> ListAsync(string collection, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<JsonObject>>(t => Db.Query(t,
            "SELECT body FROM documents WHERE collection = $c AND body IS NOT NULL ORDER BY id", r => Db.Json(r, 0)!,
            ("$c", collection)), cancellationToken);

    /// <summary>
    /// Writes the document locally and queues it: a create when the device does not hold it, else an update of the changed
    /// fields only. An edit joins the document's last queued operation while that one was never sent (its base stays the
    /// first base); once sent, an operation never changes, since the server may have applied it already.
    /// </summary>
    /// <returns>False when nothing changed, so nothing was queued.</returns>
    public Task<bool> PutAsync(string collection, string id, JsonObject data, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(t =>
        {
            var row = FindRow(t, collection, id);
            var last = OperationsOf(t, collection, id).LastOrDefault();
            if (row?.Body is null)
            {
                Enqueue(t, SyncOperationType.Create, collection, id, JsonFields.Data(data), null, basePending: false, now);
                SaveLocal(t, row, collection, id, JsonFields.Compose(collection, id, null, data));
                return true;
            }

            var changes = JsonFields.Diff(row.Body, data);
            if (changes.Count == 0)
            {
                return false;
            }

            if (last is { Attempts: 0, Type: SyncOperationType.Create })
            {
                SetData(t, last.Seq, JsonFields.Data(data));
            }
            else if (last is { Attempts: 0, Type: SyncOperationType.Update })
            {
                SetData(t, last.Seq, JsonFields.Union(last.Data, changes));
            }
            else
            {
                // After an operation already sent, the base is that operation's result, known only when its answer arrives.
                Enqueue(t, SyncOperationType.Update, collection, id, changes, last is null ? row.Version : null, last is not null, now);
            }

            SaveLocal(t, row, collection, id, JsonFields.Compose(collection, id, row.Body, data));
            return true;
        }, cancellationToken);

    /// <summary>
    /// Deletes the document locally and queues the delete. A document that never left the device (its create was never
    /// sent) simply disappears with its queued operations.
    /// </summary>
    /// <returns>False when the device does not hold the document.</returns>
    public Task<bool> DeleteAsync(string collection, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(t =>
        {
            var row = FindRow(t, collection, id);
            if (row?.Body is null)
            {
                return false;
            }

            var operations = OperationsOf(t, collection, id);
            if (row.Version is null && operations.All(o => o.Attempts == 0))
            {
                Db.Execute(t, "DELETE FROM outbox WHERE collection = $c AND document_id = $i", ("$c", collection), ("$i", id));
                Db.Execute(t, "DELETE FROM documents WHERE collection = $c AND id = $i", ("$c", collection), ("$i", id));
                return true;
            }

            Enqueue(t, SyncOperationType.Delete, collection, id, null, null, basePending: false, now);
            SaveLocal(t, row, collection, id, null);
            return true;
        }, cancellationToken);

    private static void Enqueue(SqliteTransaction transaction, SyncOperationType type, string collection, string id, JsonObject? data,
        long? baseVersion, bool basePending, DateTimeOffset now) =>
        Db.Execute(transaction, """
            INSERT INTO outbox (op_id, type, collection, document_id, data, base_version, base_pending, created_at)
            VALUES ($op, $type, $c, $i, $data, $base, $pending, $at)
            """,
            ("$op", Guid.NewGuid().ToString("N")), ("$type", OperationTypes.ToWire(type)), ("$c", collection), ("$i", id),
            ("$data", Db.Text(data)), ("$base", baseVersion), ("$pending", basePending ? 1 : 0), ("$at", Db.Time(now)));

    private static void SetData(SqliteTransaction transaction, long seq, JsonObject data) =>
        Db.Execute(transaction, "UPDATE outbox SET data = $data WHERE seq = $seq", ("$data", Db.Text(data)), ("$seq", seq));

    // A clean row turning dirty keeps its server copy aside, and the version its edits start from.
    private static void SaveLocal(SqliteTransaction transaction, DocumentRow? row, string collection, string id, JsonObject? body)
    {
        if (row is null)
        {
            Db.Execute(transaction, "INSERT INTO documents (collection, id, body, dirty) VALUES ($c, $i, $body, 1)",
                ("$c", collection), ("$i", id), ("$body", Db.Text(body)));
        }
        else if (!row.Dirty)
        {
            Db.Execute(transaction, """
                UPDATE documents SET body = $body, dirty = 1, server_body = body, base_version = version
                WHERE collection = $c AND id = $i
                """, ("$c", collection), ("$i", id), ("$body", Db.Text(body)));
        }
        else
        {
            Db.Execute(transaction, "UPDATE documents SET body = $body WHERE collection = $c AND id = $i",
                ("$c", collection), ("$i", id), ("$body", Db.Text(body)));
        }
    }
}
