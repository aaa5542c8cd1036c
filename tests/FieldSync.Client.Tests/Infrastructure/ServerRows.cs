using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>Read-only queries on the server's SQLite file: what it stored and logged.</summary>
public static class ServerRows
{
    /// <summary>Operations the server processed (its exactly-once ledger) for a device.</summary>
    public static long ProcessedOperations(TestServer server, string device) =>
        Scalar(server, "SELECT COUNT(*) FROM processed_operations WHERE device_id = $p", device);

    /// <summary>The stored <c>$version</c> of a document; 0 when absent.</summary>
    public static long VersionOf(TestServer server, string collection, string id) =>
        Scalar(server, "SELECT COALESCE(MAX(version), 0) FROM documents WHERE collection = $p AND id = $q", collection, id);

    /// <summary>Documents sent to a device over all its pulls, as <c>sync_operations</c> recorded them.</summary>
    public static long DocumentsSentTo(TestServer server, string device) =>
        Scalar(server, "SELECT COALESCE(SUM(documents_sent), 0) FROM sync_operations WHERE device_id = $p", device);

    /// <summary>Pulls of a device that started from the beginning (no checkpoint).</summary>
    public static long PullsFromStart(TestServer server, string device) =>
        Scalar(server, "SELECT COUNT(*) FROM sync_operations WHERE device_id = $p AND checkpoint_from = 0", device);

    /// <summary>Conflicts logged for a document.</summary>
    public static long Conflicts(TestServer server, string documentId) =>
        Scalar(server, "SELECT COUNT(*) FROM conflict_log WHERE document_id = $p", documentId);

    /// <summary>Whether the device has a session row (it sent a heartbeat or opened a live connection).</summary>
    public static bool HasSession(TestServer server, string device) =>
        Scalar(server, "SELECT COUNT(*) FROM active_sync_sessions WHERE device_id = $p", device) > 0;

    private static long Scalar(TestServer server, string sql, string p, string? q = null)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", p);
        if (q is not null)
        {
            command.Parameters.AddWithValue("$q", q);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
