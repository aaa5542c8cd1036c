using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Resolve;

public sealed class ServerPriorityResolveTests(ServerPriorityResolveTests.Host fixture)
    : StrategyContract<ServerPriorityResolveTests.Host>(fixture), IClassFixture<ServerPriorityResolveTests.Host>
{
    public sealed class Host() : StrategyServer("merge_with_server_priority");

    [Fact]
    public async Task Three_way_merge_takes_client_only_fields_and_keeps_the_server_value_of_fields_both_changed()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        Assert.Equal(3, (long)answer["document"]!["$version"]!);
        AssertData(answer["document"]!, "Server name", "client note", 5);
    }

    [Fact]
    public async Task Three_way_merge_of_the_whole_client_document_keeps_fields_only_the_server_changed()
    {
        var id = await SeedWithServerEditAsync();
        var whole = new JsonObject { ["facility_id"] = "fac-1", ["name"] = "Client name", ["note"] = "client note", ["count"] = 1 };
        var answer = await Resolver.ResolveAsync(ClientUser, id, whole, baseVersion: 1, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        AssertData(answer["document"]!, "Server name", "client note", 5);
        AssertData(await CurrentDataAsync(id), "Server name", "client note", 5);
    }

    [Fact]
    public async Task Without_a_base_every_differing_field_of_an_older_client_edit_keeps_the_server_value()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.Equal("kept_server", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Server name", "original note", 5);
        Assert.Equal(2, await CurrentVersionAsync(id));
    }
}
