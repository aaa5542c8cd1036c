using FieldSync.Storage.Postgres;
using FieldSync.Testing;
using Npgsql;

namespace FieldSync.Storage.Tests.Postgres;

/// <summary>A fresh database on the test cluster, the stores opened over it, and raw access for checks.</summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private readonly List<PostgresSyncStore> _stores = [];
    private string? _connectionString;

    /// <summary>The connection string of this database (created on first use).</summary>
    public async Task<string> ConnectionStringAsync() => _connectionString ??= await PostgresCluster.CreateDatabaseAsync();

    /// <summary>A new store over the database, not yet initialized.</summary>
    public async Task<PostgresSyncStore> CreateStoreAsync()
    {
        var store = new PostgresSyncStore(new PostgresStoreOptions { ConnectionString = await ConnectionStringAsync() }, TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    /// <summary>A connection of its own, as another process or tool would open it.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Every row of the table, column name to value (numbers as long, times and JSON as text).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadTableAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                {
                    int n => (long)n,
                    short n => (long)n,
                    bool b => b ? 1L : 0L,
                    DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    var other => other,
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
