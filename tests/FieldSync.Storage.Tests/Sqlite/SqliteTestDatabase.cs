using FieldSync.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Tests.Sqlite;

/// <summary>A fresh SQLite file in its own temporary directory, the stores opened over it, and raw access for checks.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fieldsync-storage-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteSyncStore> _stores = [];

    /// <summary>The database file; it does not exist until a store is initialized.</summary>
    public string DatabasePath => Path.Combine(_directory, "fieldsync.db");

    /// <summary>A new store over the file, not yet initialized.</summary>
    public SqliteSyncStore CreateStore(TimeSpan? busyTimeout = null)
    {
        var options = new SqliteStoreOptions { DatabasePath = DatabasePath };
        if (busyTimeout is { } timeout)
        {
            options.BusyTimeout = timeout;
        }

        var store = new SqliteSyncStore(options, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    /// <summary>A connection of its own (not pooled) to the file, as another process would open it.</summary>
    public async Task<SqliteConnection> OpenAsync(bool readOnly = true)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Every row of the table, column name to value.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadTableAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
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

    public async ValueTask DisposeAsync()
    {
        foreach (object store in _stores)
        {
            if (store is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (store is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        // The stores pool their connections; closing the idle ones lets the directory go.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
