using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// A live connection hears only of changes its user may see when the change commits. Absence is shown by order: the
/// server sends a connection's messages in commit order, so when a later change of the device's own facility arrives
/// first, the earlier one was never sent.
/// </summary>
public sealed class LiveScopeTests(RealtimeServerFixture fixture) : IClassFixture<RealtimeServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Device_of_another_facility_never_hears_of_a_change()
    {
        var (facility, other) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("fac"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var otherWriter = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, other));
        var member = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility);
        var outsider = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, other);
        var (sseDevice, socketDevice) = (RealtimeApi.NewId("tab"), RealtimeApi.NewId("tab"));
        await using var memberSse = await SseListener.OpenAsync(Server.Client(member),
            $"/v1/sync/events?deviceId={RealtimeApi.NewId("tab")}");
        await using var outsiderSse = await SseListener.OpenAsync(Server.Client(outsider), $"/v1/sync/events?deviceId={sseDevice}");
        await using var outsiderSocket = await SocketListener.OpenAsync(Server, outsider, socketDevice);

        var hidden = await RealtimeApi.PushPatientAsync(writer, facility);
        var own = await RealtimeApi.PushPatientAsync(otherWriter, other);

        Assert.Equal(hidden, (string?)(await memberSse.NextChangeAsync())["documentId"]);
        Assert.Equal(own, (string?)(await outsiderSse.NextChangeAsync())["documentId"]);
        Assert.Equal(own, (string?)(await outsiderSocket.NextChangeAsync())["documentId"]);
        Assert.Equal([own], await RealtimeApi.StoredNotificationsAsync(Server, sseDevice));
        Assert.Equal([own], await RealtimeApi.StoredNotificationsAsync(Server, socketDevice));
    }

    [Fact]
    public async Task User_who_loses_a_facility_while_connected_hears_only_of_the_facilities_they_keep()
    {
        var (lost, kept) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("fac"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, lost, kept));
        var user = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, lost, kept);
        var (sseDevice, socketDevice) = (RealtimeApi.NewId("tab"), RealtimeApi.NewId("tab"));
        var client = Server.Client(user);
        await using var sse = await SseListener.OpenAsync(client, $"/v1/sync/events?deviceId={sseDevice}");
        await using var socket = await SocketListener.OpenAsync(Server, user, socketDevice);
        var whileMember = await RealtimeApi.PushPatientAsync(writer, lost);
        Assert.Equal(whileMember, (string?)(await sse.NextChangeAsync())["documentId"]);
        Assert.Equal(whileMember, (string?)(await socket.NextChangeAsync())["documentId"]);

        await Server.AddUserAsync(user, UserRole.HealthWorker, kept);
        var afterLeaving = await RealtimeApi.PushPatientAsync(writer, lost);
        var stillMember = await RealtimeApi.PushPatientAsync(writer, kept);

        Assert.Equal(stillMember, (string?)(await sse.NextChangeAsync())["documentId"]);
        Assert.Equal(stillMember, (string?)(await socket.NextChangeAsync())["documentId"]);
        Assert.DoesNotContain(afterLeaving, await RealtimeApi.StoredNotificationsAsync(Server, sseDevice));
        Assert.DoesNotContain(afterLeaving, await RealtimeApi.StoredNotificationsAsync(Server, socketDevice));
        // What was stored while they were a member is not shown any more either.
        var listed = await RealtimeApi.ListAsync(client, sseDevice, pending: false);
        Assert.Equal([stillMember], listed.Select(n => (string?)n["documentId"]));
    }

    [Fact]
    public async Task Device_that_follows_some_collections_hears_only_of_those()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        await using var listener = await SseListener.OpenAsync(reader,
            $"/v1/sync/events?deviceId={RealtimeApi.NewId("tab")}&collections=notes");
        var note = RealtimeApi.NewId("note");

        await RealtimeApi.PushPatientAsync(writer, facility);
        await RealtimeApi.PushAsync(writer, RealtimeApi.NewId("tab"),
            RealtimeApi.Operation("create", "notes", note, new() { ["facility_id"] = facility, ["text"] = "cold chain ok" }));

        var change = await listener.NextChangeAsync();
        Assert.Equal(("notes", note), ((string?)change["collection"], (string?)change["documentId"]));
    }

    [Fact]
    public async Task System_user_hears_of_changes_in_every_facility()
    {
        var (first, second) = (RealtimeApi.NewId("fac"), RealtimeApi.NewId("fac"));
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, first, second));
        var system = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.System));
        await using var listener = await SseListener.OpenAsync(system, $"/v1/sync/events?deviceId={RealtimeApi.NewId("console")}");

        var inFirst = await RealtimeApi.PushPatientAsync(writer, first);
        var inSecond = await RealtimeApi.PushPatientAsync(writer, second);

        Assert.Equal(inFirst, (string?)(await listener.NextChangeAsync())["documentId"]);
        Assert.Equal(inSecond, (string?)(await listener.NextChangeAsync())["documentId"]);
    }
}
