using System.Net;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>A committed change reaches the connected devices of its facility, over SSE and WebSocket, from every write path.</summary>
public sealed class LiveDeliveryTests(RealtimeServerFixture fixture) : IClassFixture<RealtimeServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Change_pushed_by_one_device_reaches_another_device_of_the_facility_over_sse()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var device = RealtimeApi.NewId("tab");
        var before = await PullCheckpointAsync(reader, device, null);
        await using var listener = await SseListener.OpenAsync(reader, $"/v1/sync/events?deviceId={device}");

        var id = await RealtimeApi.PushPatientAsync(writer, facility);

        var change = await listener.NextChangeAsync();
        AssertChange(change, id, facility, "create", 1);
        var stored = Assert.Single(await RealtimeApi.ListAsync(reader, device, pending: true));
        Assert.Equal((long)stored["id"]!, (long)change["id"]!);
        // The checkpoint is the change's position: a pull from before it brings the document, a pull from it does not.
        Assert.Contains(id, await PulledIdsAsync(reader, device, before));
        Assert.DoesNotContain(id, await PulledIdsAsync(reader, device, (string)change["checkpoint"]!));
    }

    [Fact]
    public async Task Creates_updates_and_deletes_reach_another_device_of_the_facility_over_websocket_in_order()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility);
        await using var listener = await SocketListener.OpenAsync(Server, reader, RealtimeApi.NewId("tab"));
        var id = RealtimeApi.NewId("pat");
        var tablet = RealtimeApi.NewId("tab");

        await RealtimeApi.PushAsync(writer, tablet, RealtimeApi.CreatePatient(id, facility));
        await RealtimeApi.PushAsync(writer, tablet,
            RealtimeApi.Operation("update", "patients", id, new JsonObject { ["first_name"] = "Zainab" }, baseVersion: 1));
        await RealtimeApi.PushAsync(writer, tablet, RealtimeApi.Operation("delete", "patients", id, null));

        AssertChange(await listener.NextChangeAsync(), id, facility, "create", 1);
        AssertChange(await listener.NextChangeAsync(), id, facility, "update", 2);
        AssertChange(await listener.NextChangeAsync(), id, facility, "delete", 3);
    }

    [Fact]
    public async Task Changes_made_through_resolve_and_validate_upsert_notify_connected_devices()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility);
        await using var sse = await SseListener.OpenAsync(Server.Client(reader), $"/v1/sync/events?deviceId={RealtimeApi.NewId("tab")}");
        await using var socket = await SocketListener.OpenAsync(Server, reader, RealtimeApi.NewId("tab"));
        var (resolved, upserted) = (RealtimeApi.NewId("pat"), RealtimeApi.NewId("pat"));

        await ResolveAsync(writer, resolved, facility, "Amina", null, "created");
        await ResolveAsync(writer, resolved, facility, "Zainab", 1, "no_conflict");
        await UpsertAsync(writer, upserted, facility, "created");
        await UpsertAsync(writer, upserted, facility, "updated");

        foreach (var next in new Func<Task<JsonObject>>[] { sse.NextChangeAsync, socket.NextChangeAsync })
        {
            AssertChange(await next(), resolved, facility, "create", 1);
            AssertChange(await next(), resolved, facility, "update", 2);
            AssertChange(await next(), upserted, facility, "create", 1);
            AssertChange(await next(), upserted, facility, "update", 2);
        }
    }

    [Fact]
    public async Task Browser_clients_may_pass_the_token_in_the_query_of_the_realtime_endpoints_only()
    {
        var facility = RealtimeApi.NewId("fac");
        var writer = Server.Client(await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility));
        var reader = await RealtimeApi.NewUserAsync(Server, UserRole.HealthWorker, facility);
        var anonymous = Server.Client(null);
        var token = Server.TokenFor(reader);
        await using var sse = await SseListener.OpenAsync(anonymous,
            $"/v1/sync/events?deviceId={RealtimeApi.NewId("tab")}&access_token={token}");
        await using var socket = await SocketListener.OpenAsync(Server, reader, RealtimeApi.NewId("tab"), tokenInQuery: true);

        var id = await RealtimeApi.PushPatientAsync(writer, facility);

        AssertChange(await sse.NextChangeAsync(), id, facility, "create", 1);
        AssertChange(await socket.NextChangeAsync(), id, facility, "create", 1);
        using var withoutToken = await anonymous.GetAsync($"/v1/sync/events?deviceId={RealtimeApi.NewId("tab")}",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        using var elsewhere = await anonymous.GetAsync($"/v1/sync/notifications?deviceId={RealtimeApi.NewId("tab")}&access_token={token}");
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    private static void AssertChange(JsonObject change, string documentId, string facility, string action, long version)
    {
        Assert.Equal("change", (string?)change["type"]);
        Assert.Equal("patients", (string?)change["collection"]);
        Assert.Equal(documentId, (string?)change["documentId"]);
        Assert.Equal(facility, (string?)change["facilityId"]);
        Assert.Equal(action, (string?)change["action"]);
        Assert.Equal(version, (long)change["version"]!);
        Assert.False(string.IsNullOrEmpty((string?)change["checkpoint"]), $"no checkpoint in {change}");
        Assert.True((long)change["id"]! > 0, $"no notification id in {change}");
    }

    private static async Task ResolveAsync(HttpClient client, string id, string facility, string name, long? baseVersion, string resolution)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/resolve", new JsonObject
        {
            ["collection"] = "patients", ["documentId"] = id, ["deviceId"] = "tab-resolve", ["baseVersion"] = baseVersion,
            ["clientData"] = new JsonObject { ["facility_id"] = facility, ["first_name"] = name },
        });
        Assert.True(status == 200, $"resolve answered {status}: {body}");
        Assert.Equal(resolution, (string?)body!["resolution"]);
    }

    private static async Task UpsertAsync(HttpClient client, string id, string facility, string action)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/validate", new JsonObject
        {
            ["collection"] = "patients", ["mode"] = "upsert",
            ["documents"] = new JsonArray(new JsonObject
            {
                ["$id"] = id, ["facility_id"] = facility, ["first_name"] = action == "created" ? "Amina" : "Zainab",
            }),
        });
        Assert.True(status == 200, $"validate answered {status}: {body}");
        Assert.Equal(action, (string?)body!["results"]![0]!["action"]);
    }

    private static async Task<string> PullCheckpointAsync(HttpClient client, string device, string? checkpoint)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/pull",
            new JsonObject { ["deviceId"] = device, ["checkpoint"] = checkpoint, ["maxPages"] = 20 });
        Assert.True(status == 200 && !(bool)body!["hasMore"]!, $"pull answered {status}: {body}");
        return (string)body["checkpoint"]!;
    }

    private static async Task<List<string>> PulledIdsAsync(HttpClient client, string device, string checkpoint)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/pull",
            new JsonObject { ["deviceId"] = device, ["checkpoint"] = checkpoint, ["maxPages"] = 20 });
        Assert.True(status == 200 && !(bool)body!["hasMore"]!, $"pull answered {status}: {body}");
        return [.. body["documents"]!.AsArray().Select(d => (string)d!["$id"]!)];
    }
}
