using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Resolve;

public sealed class FieldLevelMergeResolveTests(FieldLevelMergeResolveTests.Host fixture)
    : StrategyContract<FieldLevelMergeResolveTests.Host>(fixture), IClassFixture<FieldLevelMergeResolveTests.Host>
{
    public sealed class Host() : StrategyServer("field_level_merge");

    [Fact]
    public async Task Field_edited_on_both_sides_keeps_the_server_value_when_the_server_edit_is_newer()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Server name", "client note", 5);
    }

    [Fact]
    public async Task Field_edited_on_both_sides_takes_the_client_value_when_the_client_edit_is_newer()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Client name", "client note", 5);
    }

    [Fact]
    public async Task Without_a_base_each_field_goes_to_its_newer_edit()
    {
        // name was edited on the server after the client's edit, note only at the seed, before it.
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Server name", "client note", 5);
    }

    [Fact]
    public async Task Client_clock_ahead_of_the_server_is_clamped_so_a_later_server_edit_wins_and_the_skew_is_logged()
    {
        var id = await SeedAsync();
        var noteEdit = await Resolver.ResolveAsync(ServerUser, id, new JsonObject { ["note"] = "server note" }, 1, ServerEditTime);
        Assert.Equal(2, (long)noteEdit["document"]!["$version"]!);

        // A device whose clock runs an hour ahead edits name from version 1.
        var sentAhead = DateTimeOffset.UtcNow.AddHours(1);
        var ahead = await Resolver.ResolveAsync(ClientUser, id, new JsonObject { ["name"] = "Ahead name" }, 1, sentAhead);
        Assert.True((bool)ahead["conflict"]!);
        Assert.Equal("Ahead name", (string?)ahead["document"]!["name"]);
        var row = Assert.Single(await StoredRows.ConflictsOfAsync(Server.Database, StrategyServer.Collection, id));
        var skew = (long)row["clock_skew_ms"]!;
        Assert.InRange(skew, TimeSpan.FromMinutes(55).TotalMilliseconds, TimeSpan.FromHours(1).TotalMilliseconds);

        // An honest edit of name made after that (from version 2, so it conflicts) is newer than the clamped time.
        var later = await Resolver.ResolveAsync(ServerUser, id, new JsonObject { ["name"] = "Later name" }, 2, DateTimeOffset.UtcNow);

        Assert.True((bool)later["conflict"]!);
        Assert.Equal("Later name", (string?)later["document"]!["name"]);
        Assert.Equal("server note", (string?)later["document"]!["note"]);
        Assert.Equal("Later name", (string?)(await CurrentDataAsync(id))["name"]);
    }
}
