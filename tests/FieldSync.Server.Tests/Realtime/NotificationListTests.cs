using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>Stored notifications: listed for the caller's own device and facilities, acknowledged only by their owner.</summary>
public sealed class NotificationListTests(RealtimeServerFixture fixture) : IClassFixture<RealtimeServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Pending_notifications_are_listed_in_order_and_once_acknowledged_are_no_longer_pending()
    {
        var (facility, device) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("tab"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        await RealtimeApi.HeartbeatAsync(reader, device);
        string[] ids = [RealtimeApi.NewId("pat"), RealtimeApi.NewId("pat"), RealtimeApi.NewId("pat")];
        await RealtimeApi.PushAsync(writer, RealtimeApi.NewId("tab"), [.. ids.Select(id => RealtimeApi.CreatePatient(id, facility))]);

        var pending = await RealtimeApi.ListAsync(reader, device, pending: true);
        Assert.Equal(ids, pending.Select(n => (string?)n["documentId"]));
        Assert.All(pending, n => Assert.Equal(("change", "create", facility),
            ((string?)n["type"], (string?)n["action"], (string?)n["facilityId"])));
        Assert.All(pending, n => Assert.Null(n["deliveredAt"]));
        var numbers = pending.Select(n => (long)n["id"]!).ToList();

        Assert.Equal(2, await RealtimeApi.AcknowledgeAsync(reader, device, numbers.Take(2)));

        Assert.Equal([ids[2]], (await RealtimeApi.ListAsync(reader, device, pending: true)).Select(n => (string?)n["documentId"]));
        var all = await RealtimeApi.ListAsync(reader, device, pending: false);
        Assert.Equal(ids, all.Select(n => (string?)n["documentId"]));
        Assert.NotNull(all[0]["deliveredAt"]);
        Assert.NotNull(all[1]["deliveredAt"]);
        Assert.Null(all[2]["deliveredAt"]);
        Assert.Equal(0, await RealtimeApi.AcknowledgeAsync(reader, device, numbers.Take(2)));
        Assert.Equal(1, await RealtimeApi.AcknowledgeAsync(reader, device, numbers));
        Assert.Empty(await RealtimeApi.ListAsync(reader, device, pending: true));
    }

    [Fact]
    public async Task Only_the_callers_own_device_is_listed()
    {
        var (facility, device, quietDevice) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("tab"), RealtimeApi.NewId("tab"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var colleague = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var system = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System));
        await RealtimeApi.HeartbeatAsync(reader, device);

        var id = await RealtimeApi.PushPatientAsync(writer, facility);

        Assert.Equal([id], (await RealtimeApi.ListAsync(reader, device, pending: true)).Select(n => (string?)n["documentId"]));
        Assert.Empty(await RealtimeApi.ListAsync(reader, quietDevice, pending: true));
        Assert.Empty(await RealtimeApi.ListAsync(colleague, device, pending: true));
        Assert.Empty(await RealtimeApi.ListAsync(system, device, pending: false));
    }

    [Fact]
    public async Task Notifications_of_a_facility_the_user_has_left_are_no_longer_listed()
    {
        var (lost, kept, device) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("fac"), RealtimeApi.NewId("tab"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, lost, kept));
        var user = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, lost, kept);
        var reader = Server.Client(user);
        await RealtimeApi.HeartbeatAsync(reader, device);
        var inLost = await RealtimeApi.PushPatientAsync(writer, lost);
        var inKept = await RealtimeApi.PushPatientAsync(writer, kept);
        Assert.Equal([inLost, inKept], (await RealtimeApi.ListAsync(reader, device, pending: true)).Select(n => (string?)n["documentId"]));

        await Server.AddUserAsync(user, UserRole.HealthWorker, kept);

        Assert.Equal([inKept], (await RealtimeApi.ListAsync(reader, device, pending: true)).Select(n => (string?)n["documentId"]));
        Assert.Equal([inKept], (await RealtimeApi.ListAsync(reader, device, pending: false)).Select(n => (string?)n["documentId"]));
    }

    [Fact]
    public async Task Acknowledging_the_ids_of_another_users_device_changes_nothing()
    {
        var (facility, device) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("tab"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var colleague = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var system = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System));
        await RealtimeApi.HeartbeatAsync(reader, device);
        var id = await RealtimeApi.PushPatientAsync(writer, facility);
        var number = (long)(await RealtimeApi.ListAsync(reader, device, pending: true)).Single()["id"]!;

        Assert.Equal(0, await RealtimeApi.AcknowledgeAsync(colleague, device, [number]));
        Assert.Equal(0, await RealtimeApi.AcknowledgeAsync(colleague, RealtimeApi.NewId("tab"), [number]));
        Assert.Equal(0, await RealtimeApi.AcknowledgeAsync(system, device, [number]));

        var pending = Assert.Single(await RealtimeApi.ListAsync(reader, device, pending: true));
        Assert.Equal((id, number), ((string?)pending["documentId"], (long)pending["id"]!));
    }

    [Fact]
    public async Task Malformed_list_and_acknowledge_requests_are_refused_with_400()
    {
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, RealtimeApi.NewId("fac")));

        using var withoutDevice = await reader.GetAsync("/v1/sync/notifications?pending=true");
        var (withoutIds, body) = await TestServer.PostAsync(reader, "/v1/sync/notifications/ack",
            new JsonObject { ["deviceId"] = "tab-1" });

        Assert.Equal(400, (int)withoutDevice.StatusCode);
        Assert.Equal(400, withoutIds);
        Assert.Equal("validation_failed", (string?)body!["code"]);
    }
}
