using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>Read-only queries on a device's own SQLite file: its outbox, as the SDK left it.</summary>
public static class DeviceRows
{
    /// <summary>The queued operations in order: type, document id, data and base version.</summary>
    public static List<(string Type, string DocumentId, string? Data, long? BaseVersion)> Outbox(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, document_id, data, base_version FROM outbox ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string?, long?)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>The saved checkpoints, by collection.</summary>
    public static Dictionary<string, string> Checkpoints(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT collection, checkpoint FROM checkpoints";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    /// <summary>How many documents the file holds, live or waiting for a delete to be sent.</summary>
    public static long DocumentRows(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM documents";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static SqliteConnection Open(string databasePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        return connection;
    }
}
