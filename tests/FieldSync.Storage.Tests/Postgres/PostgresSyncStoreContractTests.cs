using FieldSync.Core.Storage;
using FieldSync.Storage.Tests.Contract;

namespace FieldSync.Storage.Tests.Postgres;

/// <summary>The storage contract on PostgreSQL: a fresh database per test on the throwaway test cluster.</summary>
[Trait("Storage", "Postgres")]
public sealed class PostgresSyncStoreContractTests : SyncStoreContract
{
    private readonly PostgresTestDatabase _database = new();

    protected override async Task<ISyncStore> CreateStoreAsync() => await _database.CreateStoreAsync();

    protected override async Task DeleteDatabaseAsync() => await _database.DisposeAsync();

    protected override Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadTableAsync(string table) =>
        _database.ReadTableAsync(table);
}
