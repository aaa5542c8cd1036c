namespace FieldSync.Server.Tests.Resolve;

public sealed class ServerWinsResolveTests(ServerWinsResolveTests.Host fixture)
    : StrategyContract<ServerWinsResolveTests.Host>(fixture), IClassFixture<ServerWinsResolveTests.Host>
{
    public sealed class Host() : StrategyServer("server_wins");

    [Fact]
    public async Task Conflicting_edit_from_an_old_base_keeps_the_server_document_unchanged()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: 1, ClientEditTime());

        Assert.Equal("kept_server", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        Assert.NotNull((string?)answer["conflictId"]);
        Assert.Equal(2, (long)answer["document"]!["$version"]!);
        AssertData(answer["document"]!, "Server name", "original note", 5);
        Assert.Equal(2, await CurrentVersionAsync(id));
    }

    [Fact]
    public async Task Conflicting_edit_without_a_base_keeps_the_server_document_unchanged()
    {
        var id = await SeedWithServerEditAsync();
        var answer = await Resolver.ResolveAsync(ClientUser, id, ClientChanges(), baseVersion: null, ClientEditTime());

        Assert.Equal("kept_server", (string?)answer["resolution"]);
        Assert.True((bool)answer["conflict"]!);
        AssertData(answer["document"]!, "Server name", "original note", 5);
        Assert.Equal(2, await CurrentVersionAsync(id));
    }
}
