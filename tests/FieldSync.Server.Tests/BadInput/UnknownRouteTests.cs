using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.BadInput;

public sealed class UnknownRouteTests(UnknownRouteTests.Host fixture) : IClassFixture<UnknownRouteTests.Host>
{
    public sealed class Host() : BadInputServer();

    private readonly TestServer _server = fixture.Server;

    [Theory]
    [InlineData("GET", "v1/nothing-here", false)]
    [InlineData("POST", "v1/sync/nothing-here", true)]
    [InlineData("POST", "v1/sync/nothing-here", false)]
    [InlineData("GET", "v2/sync/pull", true)]
    [InlineData("DELETE", "v1/does/not/exist", false)]
    public async Task Unknown_route_is_a_404_problem(string method, string path, bool authenticated)
    {
        var client = _server.Client(authenticated ? BadInputServer.Nurse : null);
        var before = await StoredRows.SnapshotAsync(_server.Database);

        var answer = await HttpAnswer.SendAsync(client, new HttpMethod(method), path, method == "GET" ? null : "{}");

        answer.AssertProblem(404, "not_found");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Theory]
    [InlineData("GET", "v1/sync/pull")]
    [InlineData("PUT", "v1/sync/push")]
    [InlineData("GET", "v1/validate")]
    public async Task Known_route_with_the_wrong_method_is_a_405_problem(string method, string path)
    {
        var answer = await HttpAnswer.SendAsync(_server.Client(BadInputServer.Nurse), new HttpMethod(method), path,
            method == "GET" ? null : "{}");

        answer.AssertProblem(405, "method_not_allowed");
    }
}
