using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;

namespace FieldSync.Storage.Tests.Sqlite;

/// <summary>What only the SQLite store has: its journal mode, its schema version guard and its busy timeout.</summary>
public sealed class SqliteSyncStoreTests : IAsyncLifetime
{
    // The store's limit of its write-ahead log (WalCheckpointer.LogLimitBytes, documented in docs/sync.md).
    private const long LogLimitBytes = 64L * 1024 * 1024;

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

    [Fact]
    public async Task Write_ahead_log_is_truncated_once_commits_without_pause_pass_its_limit()
    {
        await using var store = _database.CreateStore();
        await store.InitializeAsync(CancellationToken.None);
        var note = new string('x', 16 * 1024);
        // About 100 MB of commits back to back: a passive checkpoint alone never catches up, so the log would keep it all.
        for (var batch = 0; batch < 50; batch++)
        {
            await using var transaction = await store.BeginAsync(CancellationToken.None);
            for (var i = 0; i < 100; i++)
            {
                var patient = Patient($"p{batch}-{i}");
                await transaction.SaveAsync(patient with { Body = new JsonObject { ["name"] = patient.Id, ["note"] = note } },
                    CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        var log = new FileInfo(_database.DatabasePath + "-wal");
        for (var wait = 0; wait < 100 && LogLength(log) > LogLimitBytes; wait++)
        {
            await Task.Delay(100);
        }

        Assert.InRange(LogLength(log), 0, LogLimitBytes);
        Assert.Equal(5000, (await _database.ReadTableAsync("documents")).Count);
    }

    private static long LogLength(FileInfo log)
    {
        log.Refresh();
        return log.Exists ? log.Length : 0;
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
