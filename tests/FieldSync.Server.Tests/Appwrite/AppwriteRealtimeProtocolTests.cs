using System.Net.WebSockets;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The Appwrite Realtime protocol on <c>/v1/realtime</c>: connected, ping/pong, subscribe acks, authentication by message,
/// errors (1003 keeps the socket, 1008 closes it), the URL channel style of older web SDKs, and events scoped by facility.
/// </summary>
public sealed class AppwriteRealtimeProtocolTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    private const string Channel = "databases.main.collections.patients.documents";

    [Fact]
    public async Task Another_project_gets_error_1008_and_the_socket_is_closed_with_1008()
    {
        await using var socket = await AppwriteSocket.OpenAsync(fixture.Server, "project=immunization");

        var error = await socket.NextAsync();
        await socket.ClosedAsync();

        Assert.Equal(("error", 1008), ((string?)error["type"], (int)error["data"]!["code"]!));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task Ping_gets_pong_and_an_unknown_message_gets_error_1003_on_a_socket_that_stays_open()
    {
        await using var socket = await AppwriteSocket.OpenAsync(fixture.Server, "project=" + AppwriteServer.Project);
        var connected = await socket.NextAsync();

        await socket.SendAsync("""{"type":"presence","data":{}}""");
        var error = await socket.NextAsync();
        await socket.SendAsync("""{"type":"ping"}""");

        Assert.Equal("connected", (string?)connected["type"]);
        Assert.Null(connected["data"]!["user"]);
        Assert.Equal((1003, "Message type is not valid."), ((int)error["data"]!["code"]!, (string?)error["data"]!["message"]));
        Assert.Equal("pong", (string?)(await socket.NextAsync())["type"]);
    }

    [Fact]
    public async Task Token_sent_as_the_session_authenticates_the_socket_and_a_bad_one_is_refused_with_1003()
    {
        await using var socket = await AppwriteSocket.OpenAsync(fixture.Server, "project=" + AppwriteServer.Project);
        await socket.NextOfTypeAsync("connected");

        await socket.SendAsync("""{"type":"authentication","data":{"session":"not-a-token"}}""");
        var refused = await socket.NextAsync();
        await socket.SendAsync($$$"""{"type":"authentication","data":{"session":"{{{fixture.Server.TokenFor(AppwriteServer.NurseA)}}}"}}""");
        var accepted = await socket.NextAsync();

        Assert.Equal((1003, "Session is not valid."), ((int)refused["data"]!["code"]!, (string?)refused["data"]!["message"]));
        Assert.Equal(("authentication", true, AppwriteServer.NurseA),
            ((string?)accepted["data"]!["to"], (bool)accepted["data"]!["success"]!, (string?)accepted["data"]!["user"]!["$id"]));
    }

    [Fact]
    public async Task Url_channels_of_older_web_sdks_get_events_of_the_users_facility_only_and_name_the_url_subscription()
    {
        var query = $"project={AppwriteServer.Project}&channels%5B%5D={Channel}&jwt={fixture.Server.TokenFor(AppwriteServer.NurseB)}";
        await using var socket = await AppwriteSocket.OpenAsync(fixture.Server, query);
        var connected = await socket.NextAsync();
        var subscriptionId = (string?)connected["data"]!["subscriptions"]!["0"];

        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "url-a", "facility-a");
        await fixture.CreatePatientAsync(AppwriteServer.NurseB, "url-b", "facility-b");
        var received = await socket.NextOfTypeAsync("event");

        Assert.Equal(Channel, (string?)connected["data"]!["channels"]![0]);
        Assert.Equal(AppwriteServer.NurseB, (string?)connected["data"]!["user"]!["$id"]);
        // Facility A's change committed first: had it been sent, it would be the first event.
        Assert.Equal(("url-b", "facility-b"), ((string?)received["data"]!["payload"]!["$id"], (string?)received["data"]!["payload"]!["facility_id"]));
        Assert.Equal(subscriptionId, (string?)received["data"]!["subscriptions"]![0]);
        Assert.Contains("databases.*.collections.*.documents.*.create", received["data"]!["events"]!.AsArray().Select(e => (string?)e));
    }

    [Fact]
    public async Task Subscription_by_message_gets_events_of_its_collection_and_action_only()
    {
        await using var socket = await AppwriteSocket.OpenAsync(fixture.Server,
            $"project={AppwriteServer.Project}&jwt={fixture.Server.TokenFor(AppwriteServer.NurseA)}");
        await socket.NextOfTypeAsync("connected");

        await socket.SendAsync($$"""{"type":"subscribe","data":[{"subscriptionId":"deletes","channels":["{{Channel}}.delete"],"queries":[]}]}""");
        var ack = await socket.NextOfTypeAsync("response");
        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "msg-1", "facility-a");
        await DeleteAsync("msg-1");
        var received = await socket.NextOfTypeAsync("event");

        Assert.Equal(("subscribe", "deletes"), ((string?)ack["data"]!["to"], (string?)ack["data"]!["subscriptions"]![0]!["subscriptionId"]));
        Assert.Equal(("msg-1", "delete"), ((string?)received["data"]!["payload"]!["$id"], (string?)received["data"]!["payload"]!["action"]));
        Assert.Equal("deletes", (string?)received["data"]!["subscriptions"]![0]);
    }

    private async Task DeleteAsync(string id)
    {
        var (status, body) = await Infrastructure.TestServer.PostAsync(fixture.Server.Client(AppwriteServer.NurseA), "v1/sync/push", new
        {
            deviceId = "delete-tab",
            queuedOperations = new[] { new { opId = "delete-" + id, type = "delete", collection = "patients", documentId = id } },
        });
        Assert.Equal((200, "applied"), (status, (string?)body!["results"]![0]!["status"]));
    }
}
