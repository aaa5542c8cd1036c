using FieldSync.Core.Storage;
using FieldSync.Storage.Tests.Contract;

namespace FieldSync.Storage.Tests.Sqlite;

/// <summary>The storage contract on SQLite: a fresh database file per test.</summary>
public sealed class SqliteSyncStoreContractTests : SyncStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<ISyncStore> CreateStoreAsync() => Task.FromResult<ISyncStore>(_database.CreateStore());

    protected override Task DeleteDatabaseAsync() => _database.DisposeAsync().AsTask();

    protected override Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadTableAsync(string table) =>
        _database.ReadTableAsync(table);
}
