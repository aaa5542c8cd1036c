using System.Net.Sockets;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Realtime;

namespace FieldSync.Server.Tests.Status;

/// <summary>
/// The monitor's figures are the counts of what devices did. Each test has its own server, so the system view counts
/// exactly that test's work.
/// </summary>
public sealed class StatusFiguresTests : IAsyncLifetime
{
    // Loose thresholds: this class checks figures; the health words have their own tests.
    private const string Loose = """{ "warningFailureRate": 0.5, "degradedFailureRate": 0.9, "warningConflictRate": 0.5 }""";
    private const string Facility = "fac-north";
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(StatusApi.Configuration(Loose));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Figures_count_the_pulls_pushes_conflicts_deletions_sessions_and_notifications_of_the_window()
    {
        var nurse = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, Facility));
        var listener = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, Facility));
        var system = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System));
        var (p1, p2, v1) = (RealtimeApi.NewId("pat"), RealtimeApi.NewId("pat"), RealtimeApi.NewId("visit"));

        // Batch 1: three creates and one invalid create.
        Assert.Equal(["applied", "applied", "applied", "rejected"], await StatusApi.PushAsync(nurse, "tab-nurse",
            RealtimeApi.CreatePatient(p1, Facility), RealtimeApi.CreatePatient(p2, Facility), Visit(v1, "check-up"),
            StatusApi.InvalidPatient(Facility)));
        // Batch 2: an update and a stale one per collection (one conflict per strategy), and a delete.
        Assert.Equal(["applied", "conflict_resolved", "applied", "conflict_resolved", "applied"], await StatusApi.PushAsync(nurse,
            "tab-nurse", StatusApi.Rename(p1, "Binta", 1), StatusApi.Rename(p1, "Chidi", 1),
            RealtimeApi.Operation("update", "visits", v1, new JsonObject { ["reason"] = "fever" }, 1),
            RealtimeApi.Operation("update", "visits", v1, new JsonObject { ["reason"] = "cough" }, 1),
            RealtimeApi.Operation("delete", "patients", p2, null)));
        // A conflict through resolve counts too.
        var (resolved, answer) = await TestServer.PostAsync(nurse, "/v1/sync/resolve", new JsonObject
        {
            ["collection"] = "patients", ["documentId"] = p1, ["deviceId"] = "tab-nurse", ["baseVersion"] = 1,
            ["clientData"] = new JsonObject { ["facility_id"] = Facility, ["first_name"] = "Dayo" },
        });
        Assert.True(resolved == 200 && (bool)answer!["conflict"]!, $"resolve answered {resolved}: {answer}");
        // Two pulls: the first sends the two live documents, the second nothing.
        await StatusApi.PullAsync(nurse, "tab-nurse", await StatusApi.PullAsync(nurse, "tab-nurse"));
        // Two sessions, then two creates: four notifications, two of them acknowledged.
        await RealtimeApi.HeartbeatAsync(listener, "tab-listener-1");
        await RealtimeApi.HeartbeatAsync(listener, "tab-listener-2");
        Assert.Equal(["applied", "applied"], await StatusApi.PushAsync(nurse, "tab-nurse",
            RealtimeApi.CreatePatient(RealtimeApi.NewId("pat"), Facility), RealtimeApi.CreatePatient(RealtimeApi.NewId("pat"), Facility)));
        var numbers = (await RealtimeApi.ListAsync(listener, "tab-listener-1", pending: true)).Select(n => (long)n["id"]!);
        Assert.Equal(2, await RealtimeApi.AcknowledgeAsync(listener, "tab-listener-1", numbers));

        var report = await StatusApi.GetAsync(system, "sinceMinutes=30");

        Assert.Equal([2, 0, 2], StatusApi.Figures(report, "syncOperations.total", "syncOperations.failed", "syncOperations.documentsSent"));
        Assert.Equal([3, 11, 1, 0], StatusApi.Figures(report, "queue.batches", "queue.operations", "queue.failed", "queue.retryable"));
        Assert.Equal([3, 2, 1], StatusApi.Figures(report, "conflicts.total", "conflicts.byStrategy.merge_with_server_priority",
            "conflicts.byStrategy.server_wins"));
        Assert.Equal(2, report["conflicts"]!["byStrategy"]!.AsObject().Count);
        Assert.Equal([2, 0], StatusApi.Figures(report, "sessions.active", "sessions.stale"));
        Assert.Equal([2, 2], StatusApi.Figures(report, "notifications.pending", "notifications.delivered"));
        Assert.Equal(1, StatusApi.Figure(report, "deletions.total"));
        Assert.Equal("healthy", (string?)report["health"]);
        Assert.Empty(report["reasons"]!.AsArray());
        var window = report["window"]!;
        Assert.Equal(TimeSpan.FromMinutes(30), window["to"]!.GetValue<DateTimeOffset>() - window["from"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Pull_that_breaks_off_midway_is_counted_as_a_failed_pull()
    {
        var nurse = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, Facility));
        var system = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System));
        await StatusApi.PullAsync(nurse, "tab-nurse");
        // Enough data that the response cannot sit whole in the socket buffers: the server is still writing when the device goes.
        var note = new string('n', 16_000);
        for (var batch = 0; batch < 40; batch++)
        {
            await StatusApi.PushAsync(nurse, "tab-seed", [.. Enumerable.Range(0, 25).Select(_ =>
                Visit(RealtimeApi.NewId("visit"), note))]);
        }

        using (var leaving = new HttpClient(LeavingDevice()) { BaseAddress = Server.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sync/pull"))
        {
            leaving.DefaultRequestHeaders.Authorization = nurse.DefaultRequestHeaders.Authorization;
            request.Content = JsonContent(new JsonObject { ["deviceId"] = "tab-nurse", ["pageLimit"] = 1000 });
            using var response = await leaving.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            Assert.True(await body.ReadAsync(new byte[1024]) > 0);
        }

        var report = await WaitForPullsAsync(system, 2);

        Assert.Equal([2, 1], StatusApi.Figures(report, "syncOperations.total", "syncOperations.failed"));
    }

    // The device's socket keeps a small receive buffer (fixed, so the kernel does not grow it, here up to 32 MB) and
    // drops the connection at once rather than draining the rest: the response cannot sit whole in the socket buffers,
    // so the server is still writing when the device goes.
    private static SocketsHttpHandler LeavingDevice() => new()
    {
        MaxResponseDrainSize = 0,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 64 * 1024, NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static JsonObject Visit(string id, string reason) =>
        RealtimeApi.Operation("create", "visits", id, new JsonObject { ["facility_id"] = Facility, ["reason"] = reason });

    private static StringContent JsonContent(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    // A broken pull is logged when the server notices the device has gone, a moment after the device goes.
    private static async Task<JsonObject> WaitForPullsAsync(HttpClient client, long pulls)
    {
        using var patience = new CancellationTokenSource(RealtimeApi.Patience);
        while (true)
        {
            var report = await StatusApi.GetAsync(client);
            if (StatusApi.Figure(report, "syncOperations.total") >= pulls || patience.IsCancellationRequested)
            {
                return report;
            }

            await Task.Delay(50);
        }
    }
}
