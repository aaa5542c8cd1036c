using System.Globalization;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Initialize_records_the_schema_version()
    {
        var versions = await SchemaVersionsAsync();

        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.True(v >= 1, $"schema version {v}"));
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Initialize_twice_keeps_the_schema_version_and_the_data()
    {
        var saved = await CommitAsync(Document(Patients, "p1"));
        var versions = await SchemaVersionsAsync();

        await Store.InitializeAsync(Token);
        var restarted = await CreateStoreAsync();
        await restarted.InitializeAsync(Token);

        Assert.Equal(versions, await SchemaVersionsAsync());
        await using var reader = await restarted.OpenChangeReaderAsync(Token);
        AssertSameDocument(saved[0], await reader.GetAsync(Patients, "p1", Token));
        Assert.True(reader.Horizon >= saved[0].Sequence, $"horizon {reader.Horizon} is below the committed {saved[0].Sequence}");
    }

    [Fact]
    public async Task Store_initialized_twice_still_writes()
    {
        await Store.InitializeAsync(Token);

        var saved = await CommitAsync(Document(Patients, "p1"));

        AssertSameDocument(saved[0], await GetCommittedAsync(Patients, "p1"));
    }

    private async Task<List<long>> SchemaVersionsAsync() =>
        [.. (await ReadTableAsync("schema_version")).Select(row => Convert.ToInt64(row["version"], CultureInfo.InvariantCulture)).Order()];
}
