using Microsoft.Data.Sqlite;

namespace FieldSync.Server.Tests.Push;

/// <summary>Reads what the server stored, through a read-only connection to its SQLite file.</summary>
public static class StoredRows
{
    /// <summary>The rows of a query, each as column name to value.</summary>
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(
        string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open(databasePath, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
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

    /// <summary>The single row of <c>documents</c> for the document, or null.</summary>
    public static async Task<Dictionary<string, object?>?> DocumentAsync(string databasePath, string collection, string id) =>
        (await QueryAsync(databasePath, "SELECT * FROM documents WHERE collection = $c AND id = $id", ("$c", collection), ("$id", id)))
            .SingleOrDefault();

    /// <summary>The number of rows a <c>SELECT COUNT(*)</c> query counts.</summary>
    public static async Task<long> CountAsync(string databasePath, string sql, params (string Name, object Value)[] parameters) =>
        (long)(await QueryAsync(databasePath, sql, parameters)).Single().Values.Single()!;

    /// <summary>A connection without pooling, so no test leaves a handle on the server's file.</summary>
    public static SqliteConnection Open(string databasePath, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = mode, Pooling = false }.ToString());
}
