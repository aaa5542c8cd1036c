using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Faults;

/// <summary>
/// Faults at the network edge between a device and the real server: nothing is applied twice, nothing is lost, and the
/// sync completes once the fault clears.
/// </summary>
public sealed class NetworkFaultTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Push_whose_reply_was_lost_after_the_server_applied_it_is_applied_once()
    {
        var (client, edge, device, facility) = await DeviceAsync();
        await using var _ = client;
        await QueuePatientsAsync(client, facility, 3);
        edge.Break("/v1/sync/push", EdgeFault.DropAfterServer);

        var result = await client.SyncAsync();

        Assert.Equal((3, 3, 0), (result.Pushed, result.Duplicates, result.Pending));
        var pushes = edge.SentTo("/v1/sync/push");
        Assert.Equal(2, pushes.Count);
        Assert.Equal(OpIds(pushes[0]), OpIds(pushes[1]));
        await AssertAppliedOnceAsync(client, device, facility, 3);
    }

    [Fact]
    public async Task Lost_reply_leaves_the_operations_queued_until_a_later_sync_settles_them_once()
    {
        var (client, edge, device, facility) = await DeviceAsync(retries: 0);
        await using var _ = client;
        await QueuePatientsAsync(client, facility, 2);
        edge.Break("/v1/sync/push", EdgeFault.DropAfterServer);

        var error = await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());
        Assert.True(error.IsTransient);
        Assert.Equal(2, await client.GetPendingCountAsync());

        var result = await client.SyncAsync();
        Assert.Equal((2, 2), (result.Pushed, result.Duplicates));
        await AssertAppliedOnceAsync(client, device, facility, 2);
    }

    [Fact]
    public async Task Proxy_errors_before_and_after_the_server_are_retried_and_nothing_is_applied_twice()
    {
        var (client, edge, device, facility) = await DeviceAsync();
        await using var _ = client;
        await QueuePatientsAsync(client, facility, 2);
        edge.Break("/v1/sync/push", EdgeFault.Unavailable, from: 1);
        edge.Break("/v1/sync/push", EdgeFault.BadGatewayAfterServer, from: 2);
        edge.Break("/v1/sync/pull", EdgeFault.Unavailable, from: 1);

        var result = await client.SyncAsync();

        Assert.Equal((2, 2), (result.Pushed, result.Duplicates));
        Assert.Equal(3, edge.SentTo("/v1/sync/push").Count);
        await AssertAppliedOnceAsync(client, device, facility, 2);
    }

    [Fact]
    public async Task Reply_slower_than_the_timeout_is_retried_and_applied_once()
    {
        var (client, edge, device, facility) = await DeviceAsync(timeout: TimeSpan.FromSeconds(1));
        await using var _ = client;
        edge.SlowReplyDelay = TimeSpan.FromSeconds(3);
        await QueuePatientsAsync(client, facility, 2);
        edge.Break("/v1/sync/push", EdgeFault.SlowReply);
        edge.Break("/v1/sync/pull", EdgeFault.SlowReply);

        var result = await client.SyncAsync();

        Assert.Equal((2, 0), (result.Pushed, result.Pending));
        Assert.True(edge.SentTo("/v1/sync/push").Count >= 2);
        Assert.True(edge.SentTo("/v1/sync/pull").Count >= 2);
        await AssertAppliedOnceAsync(client, device, facility, 2);
    }

    [Fact]
    public async Task Pull_cut_in_the_middle_of_a_page_resumes_after_the_last_stored_page()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using (var seeder = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("seed"))))
        {
            await QueuePatientsAsync(seeder, facility, 12);
            await seeder.SyncAsync();
        }

        var edge = new NetworkEdge();
        var device = _server.NewName("tab");
        var options = _server.OptionsFor(user, device, edge);
        options.PageLimit = 5;
        await using var client = new FieldSyncClient(options);
        edge.Break("/v1/sync/pull", EdgeFault.CutBody, from: 2);
        edge.Break("/v1/sync/pull", EdgeFault.DropAfterServer, from: 4);

        var result = await client.SyncAsync();

        Assert.Equal((12, 3), (result.Pulled, result.Pages));
        Assert.Equal(12, (await client.Collection("patients").ListAsync()).Count);
        Assert.Equal(1, ServerRows.PullsFromStart(_server, device));
    }

    [Fact]
    public async Task Pull_whose_reply_stalls_in_the_middle_of_the_body_times_out_and_the_next_sync_completes_it()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using (var seeder = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("seed"))))
        {
            await QueuePatientsAsync(seeder, facility, 3);
            await seeder.SyncAsync();
        }

        var edge = new NetworkEdge();
        var options = _server.OptionsFor(user, _server.NewName("tab"), edge);
        (options.RequestTimeout, options.MaxRetryAttempts) = (TimeSpan.FromSeconds(1), 0);
        await using var client = new FieldSyncClient(options);
        edge.Break("/v1/sync/pull", EdgeFault.StallBody);

        var error = await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());
        var result = await client.SyncAsync();

        Assert.Equal(("timeout", true), (error.Code, error.IsTransient));
        Assert.Equal(3, result.Pulled);
        Assert.Equal(3, (await client.Collection("patients").ListAsync()).Count);
    }

    [Fact]
    public async Task Refused_connections_keep_everything_queued_until_the_network_returns()
    {
        var (client, edge, device, facility) = await DeviceAsync(retries: 2);
        await using var _ = client;
        await QueuePatientsAsync(client, facility, 2);
        edge.Break("/v1/sync/push", EdgeFault.DropBeforeServer, count: 3);

        var error = await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());
        Assert.Equal("network", error.Code);
        Assert.Equal(2, await client.GetPendingCountAsync());
        Assert.Equal(0, ServerRows.ProcessedOperations(_server, device));

        var result = await client.SyncAsync();
        Assert.Equal((2, 0), (result.Pushed, result.Duplicates));
        await AssertAppliedOnceAsync(client, device, facility, 2);
    }

    private async Task<(FieldSyncClient Client, NetworkEdge Edge, string Device, string Facility)> DeviceAsync(
        int retries = 5, TimeSpan? timeout = null)
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var device = _server.NewName("tab");
        var options = _server.OptionsFor(user, device, edge);
        options.MaxRetryAttempts = retries;
        options.RequestTimeout = timeout ?? options.RequestTimeout;
        return (new FieldSyncClient(options), edge, device, facility);
    }

    private static async Task QueuePatientsAsync(FieldSyncClient client, string facility, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await client.Collection("patients").PutAsync($"{facility}-p{i}", Patients.New(facility, "Patient" + i));
        }
    }

    private static string[] OpIds(SentRequest push) =>
        [.. push.Json["queuedOperations"]!.AsArray().Select(o => (string)o!["opId"]!)];

    private async Task AssertAppliedOnceAsync(FieldSyncClient client, string device, string facility, int count)
    {
        Assert.Equal(count, ServerRows.ProcessedOperations(_server, device));
        var server = await _server.ServerDocumentsAsync("patients", facility);
        Assert.Equal(count, server.Count);
        Assert.All(server.Values, d => Assert.Equal(1, (long)d["$version"]!));
        var local = await client.Collection("patients").ListAsync();
        Assert.Equal(server.Keys.Order(), local.Select(d => (string)d["$id"]!));
        Assert.All(local, d => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(server[(string)d["$id"]!], d)));
        Assert.Equal(0, await client.GetPendingCountAsync());
    }
}
