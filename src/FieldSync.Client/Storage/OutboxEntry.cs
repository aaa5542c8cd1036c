using System.Text.Json.Nodes;

namespace FieldSync.Client.Storage;

/// <summary>
/// One queued operation. <see cref="BasePending"/> marks an update made while an earlier operation on the same document
/// was already sent: its base is that operation's result, filled in when the result arrives.
/// </summary>
internal sealed record OutboxEntry(
    long Seq, string OpId, SyncOperationType Type, string Collection, string DocumentId, JsonObject? Data, long? BaseVersion,
    bool BasePending, DateTimeOffset CreatedAt, int Attempts)
{
    public const string Columns = "seq, op_id, type, collection, document_id, data, base_version, base_pending, created_at, attempts";

    public static OutboxEntry Read(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), OperationTypes.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
        Db.Json(reader, 5), Db.Long(reader, 6), reader.GetInt64(7) != 0, Db.Time(reader, 8), (int)reader.GetInt64(9));
}
