using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.BadInput;

public sealed class RateLimitTests(RateLimitTests.Host fixture) : IClassFixture<RateLimitTests.Host>
{
    private const int PerMinute = 3;

    /// <summary>Three requests per user per minute. Each test uses its own users, whose windows are their own.</summary>
    public sealed class Host() : BadInputServer("""{ "maxBodyBytes": 1048576, "perUserPerMinute": 3, "maxValidateDocuments": 10 }""");

    private readonly TestServer _server = fixture.Server;

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Request_over_the_per_user_limit_is_refused_as_rate_limited_and_changes_nothing(string endpoint)
    {
        var user = await NewUserAsync();
        var client = _server.Client(user);
        for (var i = 0; i < PerMinute; i++)
        {
            var allowed = await HttpAnswer.PostJsonAsync(client, "v1/sync/pull", BadInputServer.ValidRequest("v1/sync/pull"));
            Assert.Equal(200, allowed.Status);
        }

        var before = await StoredRows.SnapshotAsync(_server.Database);
        using var response = await client.PostAsync(endpoint,
            new StringContent(BadInputServer.ValidRequest(endpoint).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var answer = new HttpAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());

        answer.AssertProblem(429, "rate_limited");
        Assert.True(response.Headers.RetryAfter is not null, "a 429 says when to retry");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task One_user_over_the_limit_does_not_limit_another()
    {
        var busy = _server.Client(await NewUserAsync());
        var calm = _server.Client(await NewUserAsync());
        for (var i = 0; i <= PerMinute; i++)
        {
            await HttpAnswer.PostJsonAsync(busy, "v1/sync/pull", BadInputServer.ValidRequest("v1/sync/pull"));
        }

        var refused = await HttpAnswer.PostJsonAsync(busy, "v1/sync/pull", BadInputServer.ValidRequest("v1/sync/pull"));
        var served = await HttpAnswer.PostJsonAsync(calm, "v1/sync/pull", BadInputServer.ValidRequest("v1/sync/pull"));

        Assert.Equal(429, refused.Status);
        Assert.Equal(200, served.Status);
    }

    private async Task<string> NewUserAsync()
    {
        var id = "user-" + Guid.NewGuid().ToString("N");
        await _server.AddUserAsync(id, UserRole.HealthWorker, "fac-1");
        return id;
    }
}
