namespace FieldSync.Server.Tests.Resolve;

public sealed class ClientWinsResolveTests(ClientWinsResolveTests.Host fixture)
    : StrategyContract<ClientWinsResolveTests.Host>(fixture), IClassFixture<ClientWinsResolveTests.Host>
{
    public sealed class Host() : StrategyServer("client_wins");

    [Fact]
    public async Task Conflicting_edit_from_an_old_base_applies_every_field_the_client_sent()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.Equal("applied_client", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        Assert.Equal(3, (long)answer["document"]!["$version"]!);
        AssertData(answer["document"]!, "Client name", "client note", 5);
        Assert.Equal(3, await CurrentVersionAsync(id));
    }

    [Fact]
    public async Task Conflicting_edit_without_a_base_applies_every_field_the_client_sent()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.Equal("applied_client", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Client name", "client note", 5);
        Assert.Equal(3, await CurrentVersionAsync(id));
    }
}
