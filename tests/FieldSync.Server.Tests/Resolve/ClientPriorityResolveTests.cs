namespace FieldSync.Server.Tests.Resolve;

public sealed class ClientPriorityResolveTests(ClientPriorityResolveTests.Host fixture)
    : StrategyContract<ClientPriorityResolveTests.Host>(fixture), IClassFixture<ClientPriorityResolveTests.Host>
{
    public sealed class Host() : StrategyServer("merge_with_client_priority");

    [Fact]
    public async Task Three_way_merge_takes_the_client_value_of_fields_both_changed_and_keeps_server_only_changes()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        Assert.Equal(3, (long)answer["document"]!["$version"]!);
        AssertData(answer["document"]!, "Client name", "client note", 5);
    }

    [Fact]
    public async Task Without_a_base_an_older_client_edit_still_takes_the_client_value_of_every_field_it_sent()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.Equal("merged", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Client name", "client note", 5);
        AssertData(await CurrentDataAsync(id), "Client name", "client note", 5);
    }
}
