using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Resolve;

/// <summary>
/// What every strategy must do, run once per strategy by the concrete test classes; the story of each conflict:
/// <c>worker-b</c> makes version 1, then changes <c>name</c> and <c>count</c> (version 2, the server's side), while
/// <c>worker-a</c>, who edited from version 1, changed <c>name</c> and <c>note</c> (the client's side).
/// </summary>
public abstract class StrategyContract<TServer>(TServer fixture) where TServer : StrategyServer
{
    protected const string ClientUser = "worker-a";
    protected const string ServerUser = "worker-b";

    protected TServer Fixture { get; } = fixture;

    protected TestServer Server => Fixture.Server;

    protected ResolveClient Resolver { get; } = new(fixture.Server);

    /// <summary>When the seed was made, by its device's clock.</summary>
    protected static DateTimeOffset SeedTime => DateTimeOffset.UtcNow.AddMinutes(-30);

    /// <summary>When the server's side was edited, by its device's clock.</summary>
    protected static DateTimeOffset ServerEditTime => DateTimeOffset.UtcNow.AddMinutes(-10);

    /// <summary>The client's changes: <c>name</c> and <c>note</c>.</summary>
    protected static JsonObject ClientChanges() => new() { ["name"] = "Client name", ["note"] = "client note" };

    [Fact]
    public async Task Resolving_an_unknown_document_creates_it_without_conflict()
    {
        var id = NewId();
        var answer = await Resolver.ResolveAsync(ServerUser, id, Seed(), baseVersion: null, SeedTime);

        Assert.Equal("created", (string?)answer["resolution"]);
        Assert.False((bool)answer["conflict"]!);
        Assert.Equal(Fixture.Strategy, (string?)answer["strategy"]);
        Assert.Null(answer["conflictId"]);
        Assert.Equal(1, (long)answer["document"]!["$version"]!);
        Assert.True(JsonNode.DeepEquals(Seed(), ResolveClient.DataOf(answer["document"]!)));
        var stored = await Server.QueryAsync(
            "SELECT version, facility_id FROM documents WHERE collection = 'cases' AND id = @id", ("@id", id));
        Assert.Equal(1L, stored.Single()["version"]);
        Assert.Equal("fac-1", stored.Single()["facility_id"]);
        Assert.Empty(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
    }

    [Fact]
    public async Task Edit_from_the_current_version_is_applied_without_conflict()
    {
        var id = await SeedAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, DateTimeOffset.UtcNow);

        Assert.Equal("no_conflict", (string?)answer["resolution"]);
        Assert.False((bool)answer["conflict"]!);
        Assert.Null(answer["conflictId"]);
        var document = answer["document"]!;
        Assert.Equal(2, (long)document["$version"]!);
        Assert.Equal("Client name", (string?)document["name"]);
        Assert.Equal("client note", (string?)document["note"]);
        Assert.Equal(1, (int)document["count"]!);
        Assert.Empty(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
    }

    [Fact]
    public async Task Edit_stamped_after_the_last_server_change_is_applied_without_conflict_when_no_base_is_given()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, DateTimeOffset.UtcNow);

        Assert.Equal("no_conflict", (string?)answer["resolution"]);
        Assert.False((bool)answer["conflict"]!);
        Assert.Null(answer["conflictId"]);
        var document = answer["document"]!;
        Assert.Equal(3, (long)document["$version"]!);
        Assert.Equal("Client name", (string?)document["name"]);
        Assert.Equal("client note", (string?)document["note"]);
        Assert.Equal(5, (int)document["count"]!);
        Assert.Empty(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
    }

    [Fact]
    public async Task Conflict_is_logged_with_client_server_and_resolved_data_and_the_strategy()
    {
        var id = await SeedWithServerEditAsync();
        var serverSide = await CurrentDataAsync(id);
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.True((bool)answer["conflict"]!);
        var row = Assert.Single(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
        Assert.Equal((string?)answer["conflictId"], row["id"]);
        Assert.Equal(Fixture.Strategy, row["strategy"]);
        Assert.Equal((string?)answer["resolution"], row["resolution"]);
        Assert.Equal(1L, row["base_version"]);
        Assert.Equal(2L, row["server_version"]);
        Assert.Equal(ClientUser, row["user_id"]);
        Assert.Equal("tab-" + ClientUser, row["device_id"]);
        Assert.Equal("fac-1", row["facility_id"]);
        Assert.Equal(0L, row["clock_skew_ms"]);
        Assert.True(JsonNode.DeepEquals(ClientChanges(), JsonNode.Parse((string)row["client_data"]!)));
        Assert.True(JsonNode.DeepEquals(serverSide, JsonNode.Parse((string)row["server_data"]!)));
        Assert.True(JsonNode.DeepEquals(ResolveClient.DataOf(answer["document"]!), JsonNode.Parse((string)row["resolved_data"]!)));
        Assert.True(JsonNode.DeepEquals(ResolveClient.DataOf(answer["document"]!), await CurrentDataAsync(id)));
    }

    [Fact]
    public async Task Without_a_base_a_client_timestamp_before_the_last_server_change_is_a_logged_conflict()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.True((bool)answer["conflict"]!);
        var row = Assert.Single(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
        Assert.Equal((string?)answer["conflictId"], row["id"]);
        Assert.Null(row["base_version"]);
        Assert.Equal(Fixture.Strategy, row["strategy"]);
    }

    /// <summary>When the client made its (conflicting) edit: after the seed, before the server's edit.</summary>
    protected static DateTimeOffset ClientEditTime() => DateTimeOffset.UtcNow.AddMinutes(-20);

    protected static string NewId() => "case-" + Guid.NewGuid().ToString("N");

    protected static JsonObject Seed() => new()
    {
        ["facility_id"] = "fac-1", ["name"] = "Original name", ["note"] = "original note", ["count"] = 1,
    };

    /// <summary>Makes version 1 and returns its id.</summary>
    protected async Task<string> SeedAsync()
    {
        var id = NewId();
        var answer = await Resolver.ResolveAsync(ServerUser, id, Seed(), baseVersion: null, SeedTime);
        Assert.Equal("created", (string?)answer["resolution"]);
        return id;
    }

    /// <summary>Makes version 1, then the server's side (version 2: <c>name</c> and <c>count</c> changed).</summary>
    protected async Task<string> SeedWithServerEditAsync()
    {
        var id = await SeedAsync();
        var edit = new JsonObject { ["name"] = "Server name", ["count"] = 5 };
        var answer = await Resolver.ResolveAsync(ServerUser, id, edit, baseVersion: 1, ServerEditTime);
        Assert.Equal("no_conflict", (string?)answer["resolution"]);
        Assert.Equal(2, (long)answer["document"]!["$version"]!);
        return id;
    }

    /// <summary>The stored data of the document.</summary>
    protected async Task<JsonNode> CurrentDataAsync(string id)
    {
        var rows = await Server.QueryAsync("SELECT body FROM documents WHERE collection = 'cases' AND id = @id", ("@id", id));
        return JsonNode.Parse((string)rows.Single()["body"]!)!;
    }

    /// <summary>The stored version of the document.</summary>
    protected Task<long> CurrentVersionAsync(string id) => Server.ScalarAsync(
        "SELECT version FROM documents WHERE collection = 'cases' AND id = @id", ("@id", id));

    /// <summary>Asserts the document's data field by field.</summary>
    protected static void AssertData(JsonNode document, string name, string note, int count)
    {
        Assert.Equal(name, (string?)document["name"]);
        Assert.Equal(note, (string?)document["note"]);
        Assert.Equal(count, (int)document["count"]!);
        Assert.Equal("fac-1", (string?)document["facility_id"]);
    }
}
