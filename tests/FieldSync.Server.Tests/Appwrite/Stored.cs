using FieldSync.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>Reads what the server stored, from its SQLite file opened read-only.</summary>
public static class Stored
{
    /// <summary>The rows of a query, as column name to value.</summary>
    public static async Task<List<Dictionary<string, object?>>> QueryAsync(TestServer server, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = server.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
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
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}
