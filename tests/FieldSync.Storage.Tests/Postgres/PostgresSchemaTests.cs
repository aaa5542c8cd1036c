using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Tests.Postgres;

/// <summary>An existing database is migrated forward at start, keeping its data.</summary>
[Trait("Storage", "Postgres")]
public sealed class PostgresSchemaTests : IAsyncLifetime
{
    private static readonly CancellationToken _token = CancellationToken.None;
    private readonly PostgresTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_database_of_schema_version_2_is_upgraded_and_still_pulls_its_changes()
    {
        var old = await _database.CreateStoreAsync();
        await old.InitializeAsync(_token);
        await MoveAsync(old, "p1");
        // What a database left by a server of schema version 2 looks like: no index on the exits by facility.
        await ExecuteAsync("DROP INDEX ix_document_exits_facility_seq; DELETE FROM schema_version WHERE version > 2");

        var upgraded = await _database.CreateStoreAsync();
        await upgraded.InitializeAsync(_token);

        Assert.Equal([1L, 2L, 3L], (await _database.ReadTableAsync("schema_version")).Select(row => (long)row["version"]!).Order());
        Assert.Equal(1L, await ExecuteAsync("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_document_exits_facility_seq'"));
        await using var reader = await upgraded.OpenChangeReaderAsync(_token);
        var changes = await reader.ReadChangesAsync(
            new ChangeQuery(["patients"], FacilityScope.Of(["fac-a"]), 0, 10, IncludeDeleted: true, null), _token).ToListAsync();
        Assert.Equal([("p1", "fac-a", true)], changes.Select(c => (c.Id, c.FacilityId, c.Deleted)));
    }

    private static async Task MoveAsync(ISyncStore store, string id)
    {
        await using var transaction = await store.BeginAsync(_token);
        var saved = await transaction.SaveAsync(Patient(id, "fac-a", 1), _token);
        await transaction.SaveAsync(Patient(id, "fac-b", saved.Version + 1), _token);
        await transaction.RecordExitAsync(new FacilityExit("patients", id, "fac-a", saved.Version + 1, DateTimeOffset.UnixEpoch), _token);
        await transaction.CommitAsync(_token);
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(_token);
    }

    private static SyncDocument Patient(string id, string facility, long version) => new()
    {
        Collection = "patients",
        Id = id,
        FacilityId = facility,
        Version = version,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(version),
        Body = new JsonObject { ["facility_id"] = facility, ["name"] = id },
        FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
