using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>Runs alone: hundreds of live connections should not compete with other test classes for the machine.</summary>
[CollectionDefinition(nameof(SlowListenerTests), DisableParallelization = true)]
public sealed class SlowListenerCollection;

/// <summary>
/// One live connection that stops reading never holds back the others: they receive every change while its queue
/// overflows, it is dropped (its stored notifications wait for it), and the server keeps serving.
/// </summary>
[Collection(nameof(SlowListenerTests))]
public sealed class SlowListenerTests : IAsyncLifetime
{
    private const int Listeners = 299;
    private const int OverflowBatches = 3;
    private const int OverflowBatchSize = 500;
    private readonly List<SseListener> _listeners = [];
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(RealtimeApi.Configuration());

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_listeners.Select(l => l.DisposeAsync().AsTask()));
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stuck_listener_is_dropped_while_hundreds_of_others_receive_every_change()
    {
        var (shared, own) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("fac"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, shared, own));
        var stuckUser = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, shared, own);
        var stuckDevice = RealtimeApi.NewId("tab");
        using var stuck = await StuckListener.OpenAsync(Server, stuckUser, stuckDevice);
        await OpenListenersAsync(shared);
        var sent = new List<string>();

        // Every listener hears every change of the shared facility, in order, while the stuck one reads nothing.
        var first = await PushPatientsAsync(writer, shared, 20);
        sent.AddRange(first);
        await AllReceiveAsync(first);

        // Changes of a facility only the stuck user follows overflow its queue of 256; after each batch the others
        // still hear the next shared change, and hear it next.
        for (var batch = 0; batch < OverflowBatches; batch++)
        {
            sent.AddRange(await PushPatientsAsync(writer, own, OverflowBatchSize));
            var next = await PushPatientsAsync(writer, shared, 1);
            sent.AddRange(next);
            await AllReceiveAsync(next);
        }

        // The stuck connection was dropped: read at last, it ends after an in-order part of what was sent.
        List<string> heard;
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            heard = await stuck.ReadToEndAsync(patience.Token);
        }

        Assert.InRange(heard.Count, 1, sent.Count - 1);
        Assert.Equal(sent.Take(heard.Count), heard);

        // The server keeps serving: everyone, and the dropped device once it reconnects, hears the next change.
        await using var reconnected = await SseListener.OpenAsync(Server.Client(stuckUser), $"/v1/sync/events?deviceId={stuckDevice}");
        var last = await PushPatientsAsync(writer, shared, 1);
        sent.AddRange(last);
        await AllReceiveAsync(last);
        Assert.Equal(last[0], (string?)(await reconnected.NextChangeAsync())["documentId"]);
        // Nothing is lost for the dropped device: every change is stored for it to list or pull.
        Assert.Equal(sent, await RealtimeApi.StoredNotificationsAsync(Server, stuckDevice));
    }

    private async Task OpenListenersAsync(string facility)
    {
        // A few users with many devices each, as a district's tablets would be.
        var clients = new List<HttpClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility)));
        }

        foreach (var chunk in Enumerable.Range(0, Listeners).Chunk(50))
        {
            _listeners.AddRange(await Task.WhenAll(chunk.Select(i =>
                SseListener.OpenAsync(clients[i % clients.Count], $"/v1/sync/events?deviceId=tab-{i:D3}"))));
        }
    }

    private static async Task<List<string>> PushPatientsAsync(HttpClient writer, string facility, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => RealtimeApi.NewId("pat")).ToList();
        await RealtimeApi.PushAsync(writer, RealtimeApi.NewId("tab"), [.. ids.Select(id => RealtimeApi.CreatePatient(id, facility))]);
        return ids;
    }

    private async Task AllReceiveAsync(List<string> ids)
    {
        var received = await Task.WhenAll(_listeners.Select(async listener =>
        {
            var changes = new List<string>();
            foreach (var _ in ids)
            {
                changes.Add((string)(await listener.NextChangeAsync())["documentId"]!);
            }

            return changes;
        }));
        Assert.All(received, changes => Assert.Equal(ids, changes));
    }
}
