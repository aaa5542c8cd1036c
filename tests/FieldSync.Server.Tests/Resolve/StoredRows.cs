using System.Text;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Resolve;

/// <summary>
/// Reads the server's database the way an operator would, to check what a request stored; the same SQL on SQLite and
/// PostgreSQL (see <see cref="StoredDatabase"/>).
/// </summary>
public static class StoredRows
{
    private static readonly string[] _tables =
    [
        "documents", "document_exits", "conflict_log", "deletion_log", "processed_operations", "queue_processing_log",
        "sync_operations", "sync_notifications", "realtime_notifications", "active_sync_sessions", "users", "facility_memberships",
    ];

    /// <summary>The conflict_log rows of one document, oldest first.</summary>
    public static Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ConflictsOfAsync(
        StoredDatabase database, string collection, string documentId) =>
        database.QueryAsync("SELECT * FROM conflict_log WHERE collection = @c AND document_id = @d ORDER BY created_at",
            ("@c", collection), ("@d", documentId));

    /// <summary>
    /// Everything a request could change, as text: every document row with its version, position and body, every exit,
    /// the size of every log table and the newest change position. Two equal snapshots mean nothing was written in between.
    /// </summary>
    public static async Task<string> SnapshotAsync(StoredDatabase database)
    {
        var text = new StringBuilder();
        foreach (var row in await database.QueryAsync(
            "SELECT collection, id, version, seq, deleted, body, field_meta FROM documents ORDER BY collection, id"))
        {
            text.AppendJoin('|', row.Values).Append('\n');
        }

        foreach (var row in await database.QueryAsync(
            "SELECT collection, id, facility_id, version, seq FROM document_exits ORDER BY collection, id, facility_id"))
        {
            text.AppendJoin('|', row.Values).Append('\n');
        }

        foreach (var table in _tables)
        {
            text.Append(table).Append('=').Append(await database.ScalarAsync($"SELECT COUNT(*) FROM {table}")).Append('\n');
        }

        // Every change takes a new position above all others, so the newest one moves with any write (SQLite's change
        // counter, PostgreSQL's transaction-based positions alike).
        text.Append("seq=").Append(await database.ScalarAsync(
            "SELECT COALESCE(MAX(seq), 0) FROM (SELECT seq FROM documents UNION ALL SELECT seq FROM document_exits) AS changes"));
        return text.ToString();
    }
}
