using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Auth;

/// <summary>A token the server refuses is asked for again once; a refused new token stops the sync without retries.</summary>
public sealed class TokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Refused_token_is_asked_for_again_and_the_sync_completes_with_the_new_one()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var options = _server.OptionsFor(user, _server.NewName("tab"), edge);
        var calls = 0;
        var fresh = _server.TokenFor(user);
        options.AccessToken = null;
        options.AccessTokenProvider = async cancellationToken =>
        {
            await Task.Yield();
            return Interlocked.Increment(ref calls) == 1 ? "expired-token" : fresh;
        };
        await using var client = new FieldSyncClient(options);
        await client.Collection("patients").PutAsync("pat-t1", Patients.New(facility));

        var result = await client.SyncAsync();

        Assert.Equal(1, result.Pushed);
        Assert.Equal(2, calls);
        var pushes = edge.SentTo("/v1/sync/push");
        Assert.Equal(["expired-token", fresh], pushes.Select(p => p.Token));
        Assert.Equal(pushes[0].Body, pushes[1].Body);
        Assert.All(edge.SentTo("/v1/sync/pull"), p => Assert.Equal(fresh, p.Token));
        Assert.Equal(1, ServerRows.VersionOf(_server, "patients", "pat-t1"));
    }

    [Fact]
    public async Task Token_refused_twice_fails_as_unauthorized_and_keeps_the_outbox()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var options = _server.OptionsFor(user, _server.NewName("tab"), edge);
        var calls = 0;
        options.AccessToken = () =>
        {
            Interlocked.Increment(ref calls);
            return "revoked-token";
        };
        await using var client = new FieldSyncClient(options);
        await client.Collection("patients").PutAsync("pat-t2", Patients.New(facility));

        var error = await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());

        Assert.False(error.IsTransient);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("unauthorized", error.Code);
        Assert.Equal(2, calls);
        Assert.Equal(2, edge.SentTo("/v1/sync/push").Count);
        Assert.Equal(1, await client.GetPendingCountAsync());
    }

    [Fact]
    public async Task Token_of_a_user_who_lost_the_facility_gets_its_changes_rejected_not_retried()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await client.Collection("patients").PutAsync("pat-t3", Patients.New(facility));
        await _server.AddUserAsync(user, Core.Security.UserRole.HealthWorker, _server.NewName("fac"));

        var result = await client.SyncAsync();

        Assert.Equal((0, 1, 0), (result.Pushed, result.Rejected, result.Pending));
        Assert.Equal("forbidden_facility", Assert.Single(await client.GetRejectedAsync()).Code);
    }
}
