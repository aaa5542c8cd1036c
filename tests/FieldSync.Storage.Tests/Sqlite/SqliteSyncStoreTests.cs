using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;

namespace FieldSync.Storage.Tests.Sqlite;

/// <summary>What only the SQLite store has: its journal mode, its schema version guard and its busy timeout.</summary>
public sealed class SqliteSyncStoreTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Database_file_is_in_wal_mode()
    {
        await _database.CreateStore().InitializeAsync(CancellationToken.None);

        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync() as string);
    }

    [Fact]
    public async Task Database_with_a_newer_schema_version_is_refused_with_advice_to_upgrade()
    {
        await _database.CreateStore().InitializeAsync(CancellationToken.None);
        await using (var connection = await _database.OpenAsync(readOnly: false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_at) " +
                "SELECT MAX(version) + 1, '2099-01-01T00:00:00.0000000Z' FROM schema_version";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => _database.CreateStore().InitializeAsync(CancellationToken.None));

        Assert.Contains("upgrade", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Write_lock_held_past_the_busy_timeout_is_a_transient_error()
    {
        var store = _database.CreateStore(busyTimeout: TimeSpan.FromSeconds(1));
        await store.InitializeAsync(CancellationToken.None);
        await using var other = await _database.OpenAsync(readOnly: false);
        var otherWrite = other.BeginTransaction(deferred: false);

        var error = await Assert.ThrowsAsync<StorageException>(() => store.BeginAsync(CancellationToken.None));

        Assert.True(error.IsTransient, error.Message);
        await otherWrite.RollbackAsync();
        await otherWrite.DisposeAsync();
        await using var transaction = await store.BeginAsync(CancellationToken.None);
        var saved = await transaction.SaveAsync(Patient("p1"), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task Restart_reapplies_no_migration()
    {
        await _database.CreateStore().InitializeAsync(CancellationToken.None);
        var first = await _database.ReadTableAsync("schema_version");

        await _database.CreateStore().InitializeAsync(CancellationToken.None);

        var rows = await _database.ReadTableAsync("schema_version");
        Assert.Equal(
            first.Select(r => ((long?)r["version"], (string?)r["applied_at"])),
            rows.Select(r => ((long?)r["version"], (string?)r["applied_at"])));
        Assert.Equal(
            Enumerable.Range(1, rows.Count).Select(v => (long)v),
            rows.Select(r => Convert.ToInt64(r["version"], CultureInfo.InvariantCulture)));
    }

    private static SyncDocument Patient(string id) => new()
    {
        Collection = "patients",
        Id = id,
        FacilityId = "facility-a",
        Version = 1,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Body = new JsonObject { ["name"] = id },
        FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
