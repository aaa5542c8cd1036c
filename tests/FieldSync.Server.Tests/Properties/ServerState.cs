using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace FieldSync.Server.Tests.Properties;

/// <summary>What the server stored, read straight from its SQLite file through a read-only connection.</summary>
internal static class ServerState
{
    /// <summary>The documents of <paramref name="facilities"/>, by key; tombstones only when asked.</summary>
    public static async Task<Dictionary<string, DeviceDocument>> DocumentsAsync(
        string databasePath, IReadOnlyList<string> facilities, bool includeDeleted)
    {
        await using var connection = await OpenAsync(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, id, version, deleted, body FROM documents WHERE facility_id IN ("
            + In(command, "$f", facilities) + ")" + (includeDeleted ? "" : " AND deleted = 0");
        var documents = new Dictionary<string, DeviceDocument>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var document = new DeviceDocument(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3) != 0,
                JsonNode.Parse(reader.GetString(4))!.AsObject());
            documents[document.Key] = document;
        }

        return documents;
    }

    /// <summary>The <c>processed_operations</c> rows of the devices: (device, opId) and the stored first result.</summary>
    public static async Task<List<(string DeviceId, string OpId, JsonObject Result)>> ProcessedOperationsAsync(
        string databasePath, IReadOnlyList<string> deviceIds)
    {
        await using var connection = await OpenAsync(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, op_id, result FROM processed_operations WHERE device_id IN ("
            + In(command, "$d", deviceIds) + ")";
        var rows = new List<(string, string, JsonObject)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject()));
        }

        return rows;
    }

    private static async Task<SqliteConnection> OpenAsync(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static string In(SqliteCommand command, string prefix, IReadOnlyList<string> values)
    {
        var names = values.Select((value, i) =>
        {
            var name = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, value);
            return name;
        }).ToList();
        return names.Count == 0 ? "NULL" : string.Join(", ", names);
    }
}
