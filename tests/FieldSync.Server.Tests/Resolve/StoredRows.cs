using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace FieldSync.Server.Tests.Resolve;

/// <summary>Reads the server's SQLite file read-only, the way an operator would, to check what a request stored.</summary>
public static class StoredRows
{
    private static readonly string[] _tables =
    [
        "documents", "conflict_log", "deletion_log", "processed_operations", "queue_processing_log", "sync_operations",
        "sync_notifications", "realtime_notifications", "active_sync_sessions", "users", "facility_memberships",
    ];

    /// <summary>The rows of a query, each as column name → value (null for SQL NULL).</summary>
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(
        string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The single value of a scalar query, as a long.</summary>
    public static async Task<long> ScalarAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        var rows = await QueryAsync(databasePath, sql, parameters);
        return Convert.ToInt64(rows.Single().Values.Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>The conflict_log rows of one document, oldest first.</summary>
    public static Task<List<Dictionary<string, object?>>> ConflictsOfAsync(string databasePath, string collection, string documentId) =>
        QueryAsync(databasePath, "SELECT * FROM conflict_log WHERE collection = $c AND document_id = $d ORDER BY created_at",
            ("$c", collection), ("$d", documentId));

    /// <summary>How many document rows (live or tombstone) one collection holds.</summary>
    public static Task<long> DocumentCountAsync(string databasePath, string collection) =>
        ScalarAsync(databasePath, "SELECT COUNT(*) FROM documents WHERE collection = $c", ("$c", collection));

    /// <summary>
    /// Everything a request could change, as text: every document row with its version, sequence and body, and the size of
    /// every log table. Two equal snapshots mean nothing was written in between.
    /// </summary>
    public static async Task<string> SnapshotAsync(string databasePath)
    {
        var text = new StringBuilder();
        foreach (var row in await QueryAsync(databasePath,
            "SELECT collection, id, version, seq, deleted, body, field_meta FROM documents ORDER BY collection, id"))
        {
            text.AppendJoin('|', row.Values).Append('\n');
        }

        foreach (var table in _tables)
        {
            text.Append(table).Append('=').Append(await ScalarAsync(databasePath, $"SELECT COUNT(*) FROM {table}")).Append('\n');
        }

        text.Append("seq=").Append(await ScalarAsync(databasePath, "SELECT value FROM sequences WHERE name = 'change'"));
        return text.ToString();
    }
}
