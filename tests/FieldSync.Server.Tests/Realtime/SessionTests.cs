using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// Heartbeats keep a device's session active; a stale session gets no notification, stored or live. Each test has a
/// server whose heartbeat window is two seconds, so a test can wait past it.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const int WindowSeconds = 2;
    private TestServer? _server;

    private TestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(RealtimeApi.Configuration(WindowSeconds));

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stale_session_gets_no_notification_until_a_heartbeat_makes_it_active_again()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var user = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility);
        var reader = Server.Client(user);
        var (sseDevice, socketDevice) = (RealtimeApi.NewId("tab"), RealtimeApi.NewId("tab"));
        // Connecting counts as a heartbeat; the connections stay open while their sessions go stale.
        await using var sse = await SseListener.OpenAsync(reader, $"/v1/sync/events?deviceId={sseDevice}");
        await using var socket = await SocketListener.OpenAsync(Server, user, socketDevice);
        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds + 1));

        var missed = await RealtimeApi.PushPatientAsync(writer, facility);

        Assert.Empty(await RealtimeApi.StoredNotificationsAsync(Server, sseDevice));
        Assert.Empty(await RealtimeApi.StoredNotificationsAsync(Server, socketDevice));
        Assert.Empty(await RealtimeApi.ListAsync(reader, sseDevice, pending: false));

        await RealtimeApi.HeartbeatAsync(reader, sseDevice);
        await RealtimeApi.HeartbeatAsync(reader, socketDevice);
        var heard = await RealtimeApi.PushPatientAsync(writer, facility);

        Assert.Equal(heard, (string?)(await sse.NextChangeAsync())["documentId"]);
        Assert.Equal(heard, (string?)(await socket.NextChangeAsync())["documentId"]);
        Assert.Equal([heard], await RealtimeApi.StoredNotificationsAsync(Server, sseDevice));
        Assert.Equal([heard], await RealtimeApi.StoredNotificationsAsync(Server, socketDevice));
        Assert.NotEqual(missed, heard);
    }

    [Fact]
    public async Task Heartbeat_registers_the_device_and_says_until_when_it_is_active()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var device = RealtimeApi.NewId("tab");
        var before = DateTimeOffset.UtcNow;

        var answer = await RealtimeApi.HeartbeatAsync(reader, device, "patients");
        var id = await RealtimeApi.PushPatientAsync(writer, facility);

        Assert.Equal(device, (string?)answer["deviceId"]);
        Assert.Equal(WindowSeconds, (int)answer["heartbeatWindowSeconds"]!);
        Assert.True(answer["activeUntil"]!.GetValue<DateTimeOffset>() >= before.AddSeconds(WindowSeconds), answer.ToJsonString());
        Assert.Equal([id], await RealtimeApi.StoredNotificationsAsync(Server, device));
    }

    [Fact]
    public async Task Malformed_heartbeats_are_refused_and_register_nothing()
    {
        var user = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, RealtimeApi.NewId("fac"));
        var client = Server.Client(user);

        var (missingDevice, first) = await TestServer.PostAsync(client, "/v1/sync/heartbeat", new JsonObject());
        var (unknownCollection, second) = await TestServer.PostAsync(client, "/v1/sync/heartbeat",
            new JsonObject { ["deviceId"] = "tab-x", ["collections"] = new JsonArray("nope") });
        var (otherUser, third) = await TestServer.PostAsync(client, "/v1/sync/heartbeat",
            new JsonObject { ["deviceId"] = "tab-y", ["userId"] = "someone-else" });

        Assert.Equal((400, "validation_failed"), (missingDevice, (string?)first!["code"]));
        Assert.Equal((400, "unknown_collection"), (unknownCollection, (string?)second!["code"]));
        Assert.Equal((403, "forbidden_user"), (otherUser, (string?)third!["code"]));
        using var status = await Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System)).GetAsync("/v1/sync/status");
        var sessions = JsonNode.Parse(await status.Content.ReadAsStringAsync())!["sessions"]!;
        Assert.Equal(0, (long)sessions["active"]! + (long)sessions["stale"]!);
    }
}
