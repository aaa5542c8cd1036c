using System.Collections.Concurrent;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Background;

/// <summary>
/// The background loop syncs on start, when another device's change is announced over Server-Sent Events, and as soon
/// as the server answers again after failures, however long its backoff had still to run.
/// </summary>
public sealed class BackgroundSyncTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(60);
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Start_syncs_at_once_and_keeps_a_session_with_heartbeats()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var device = _server.NewName("tab");
        var options = Background(_server.OptionsFor(user, device));
        await using var client = new FieldSyncClient(options);
        await client.Collection("patients").PutAsync("pat-b1", Patients.New(facility));
        var completed = Completion(client);

        client.Start();
        await completed.WaitAsync(_wait);

        Assert.True(client.IsRunning);
        Assert.Equal(1, ServerRows.VersionOf(_server, "patients", "pat-b1"));
        Assert.True(ServerRows.HasSession(_server, device));
        await client.StopAsync();
        Assert.False(client.IsRunning);
    }

    [Fact]
    public async Task Change_announced_by_the_server_is_pulled_without_waiting_for_the_interval()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var options = Background(_server.OptionsFor(user, _server.NewName("tab"), edge));
        await using var listener = new FieldSyncClient(options);
        var first = Completion(listener);
        listener.Start();
        await first.WaitAsync(_wait);
        await using var writer = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));

        // The live connection may open a moment after the first pass; a change made before it would only be announced
        // to a stored notification, so the writer tries again until one is announced live.
        for (var attempt = 0; attempt < 20 && await listener.Collection("patients").GetAsync("pat-b2-" + (attempt - 1)) is null; attempt++)
        {
            await writer.Collection("patients").PutAsync("pat-b2-" + attempt, Patients.New(facility));
            await writer.SyncAsync();
            await WaitForAsync(async () => await listener.Collection("patients").GetAsync("pat-b2-" + attempt) is not null,
                TimeSpan.FromSeconds(3));
        }

        Assert.NotEmpty(await listener.Collection("patients").ListAsync());
        Assert.NotEmpty(edge.SentTo("/v1/sync/events"));
    }

    [Fact]
    public async Task Sync_runs_as_soon_as_the_server_answers_again_after_failures()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var options = Background(_server.OptionsFor(user, _server.NewName("tab"), edge));
        options.RetryBaseDelay = TimeSpan.FromHours(6);
        options.RetryMaxDelay = TimeSpan.FromHours(12);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
        options.ListenForChanges = false;
        foreach (var path in new[] { "/v1/sync/push", "/v1/sync/pull", "/v1/sync/heartbeat" })
        {
            edge.Break(path, EdgeFault.DropBeforeServer, count: int.MaxValue / 2);
        }

        await using var client = new FieldSyncClient(options);
        var failures = new ConcurrentQueue<SyncFailedEventArgs>();
        var failed = new TaskCompletionSource();
        client.SyncFailed += (_, e) => { failures.Enqueue(e); failed.TrySetResult(); };
        await client.Collection("patients").PutAsync("pat-b3", Patients.New(facility));
        client.Start();
        await failed.Task.WaitAsync(_wait);

        var completed = Completion(client);
        edge.Heal();
        await completed.WaitAsync(_wait);

        Assert.Equal(1, ServerRows.VersionOf(_server, "patients", "pat-b3"));
        var failure = failures.First();
        Assert.True(failure.Error.IsTransient);
        Assert.True(failure.RetryIn >= TimeSpan.FromMinutes(1));
    }

    private static FieldSyncClientOptions Background(FieldSyncClientOptions options)
    {
        options.SyncInterval = TimeSpan.FromHours(1);
        options.HeartbeatInterval = TimeSpan.FromMinutes(5);
        return options;
    }

    private static Task Completion(FieldSyncClient client)
    {
        var completed = new TaskCompletionSource();
        client.Progress += (_, e) =>
        {
            if (e.Phase == SyncPhase.Completed)
            {
                completed.TrySetResult();
            }
        };
        return completed.Task;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!await condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }
    }
}
