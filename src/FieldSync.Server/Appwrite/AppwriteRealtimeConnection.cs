using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Sync;
using FieldSync.Server.Realtime;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// One Appwrite Realtime socket. Once a user is known (at connect, or by an <c>authentication</c> message) it joins the
/// realtime hub under the user's Appwrite device session, kept alive by heartbeats through <see cref="RealtimeService"/>:
/// notifications are then made and scoped by the storage at commit, exactly as for native devices, and each one that
/// matches a subscription goes out as an Appwrite <c>event</c>.
/// </summary>
public sealed partial class AppwriteRealtimeConnection(WebSocket socket, AppwriteCredentials credentials, RealtimeService realtime,
    RealtimeHub hub, SyncConfiguration configuration, ILogger<AppwriteRealtimeConnection> logger) : IAsyncDisposable
{
    private const int MaxMessageBytes = 64 * 1024;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RealtimeSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private SyncCaller? _caller;
    private LiveConnection? _live;
    private Task _pump = Task.CompletedTask;

    /// <summary>Sends an error with code 1008 and closes with 1008, after which the SDK does not reconnect.</summary>
    public async Task RefuseAsync(string message, CancellationToken cancellationToken)
    {
        await SendAsync(Error(1008, message), cancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "policy violation", cancellationToken);
    }

    /// <summary>Says <c>connected</c>, then answers messages until the client closes or the connection is dropped.</summary>
    public async Task RunAsync(SyncCaller? caller, IReadOnlyList<RealtimeSubscription> urlSubscriptions, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            foreach (var subscription in urlSubscriptions)
            {
                _subscriptions[subscription.Id] = subscription;
            }

            if (caller is not null)
            {
                await AttachAsync(caller, linked.Token);
            }

            await SendAsync(Connected(urlSubscriptions), linked.Token);
            await ReceiveAsync(linked.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away, or the hub dropped a connection that fell too far behind.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await DetachAsync();
        _sending.Dispose();
        _closing.Dispose();
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (message.Length > MaxMessageBytes)
            {
                await SendAsync(Error(1009, "Message is too large."), cancellationToken);
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "too large", cancellationToken);
                return;
            }

            if (received.EndOfMessage)
            {
                await HandleAsync(message.ToArray(), cancellationToken);
                message.SetLength(0);
            }
        }
    }

    private async Task HandleAsync(byte[] text, CancellationToken cancellationToken)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }

        var reply = message is null ? Error(1003, "Message format is not valid.") : StringOf(message["type"]) switch
        {
            "ping" => new JsonObject { ["type"] = "pong" },
            "subscribe" => Subscribe(message["data"] as JsonArray),
            "unsubscribe" => Unsubscribe(message["data"] as JsonArray),
            "authentication" => await AuthenticateAsync(StringOf((message["data"] as JsonObject)?["session"]), cancellationToken),
            _ => Error(1003, "Message type is not valid."),
        };
        await SendAsync(reply, cancellationToken);
    }

    private JsonObject Subscribe(JsonArray? data)
    {
        if (data is null)
        {
            return Error(1003, "Message format is not valid: subscribe carries a list of {subscriptionId, channels, queries}.");
        }

        var acknowledged = new JsonArray();
        foreach (var item in data.OfType<JsonObject>())
        {
            var subscription = new RealtimeSubscription(null);
            subscription.Id = StringOf(item["subscriptionId"]) ?? subscription.Id;
            subscription.Channels.UnionWith(Strings(item["channels"]));
            subscription.Queries.AddRange(Strings(item["queries"]));
            lock (_lock)
            {
                // The same id again replaces the subscription: that is how the SDK updates one.
                _subscriptions[subscription.Id] = subscription;
            }

            acknowledged.Add(new JsonObject
            {
                ["subscriptionId"] = subscription.Id,
                ["channels"] = new JsonArray([.. subscription.Channels.Select(c => (JsonNode)c)]),
                ["queries"] = new JsonArray([.. subscription.Queries.Select(q => (JsonNode)q)]),
            });
        }

        return Response("subscribe", new JsonObject { ["subscriptions"] = acknowledged });
    }

    private JsonObject Unsubscribe(JsonArray? data)
    {
        var removed = new JsonArray();
        foreach (var id in (data ?? []).OfType<JsonObject>().Select(item => StringOf(item["subscriptionId"])).OfType<string>())
        {
            bool gone;
            lock (_lock)
            {
                gone = _subscriptions.Remove(id);
            }

            removed.Add(new JsonObject { ["subscriptionId"] = id, ["removed"] = gone });
        }

        return Response("unsubscribe", new JsonObject { ["subscriptions"] = removed });
    }

    private async Task<JsonObject> AuthenticateAsync(string? session, CancellationToken cancellationToken)
    {
        var check = session is null ? null : await credentials.CheckTokenAsync(session, cancellationToken);
        if (check?.Caller is not { } caller)
        {
            return Error(1003, "Session is not valid.");
        }

        await AttachAsync(caller, cancellationToken);
        return Response("authentication", new JsonObject { ["user"] = Account(caller) });
    }

    // One Appwrite device session per user, shared by the user's sockets: a closed browser tab leaves no stale session
    // behind as long as another one of the user's sockets is open.
    private async Task AttachAsync(SyncCaller caller, CancellationToken cancellationToken)
    {
        var deviceId = DeviceIdOf(caller.UserId);
        await realtime.HeartbeatAsync(caller, new HeartbeatRequest { DeviceId = deviceId }, cancellationToken);
        await DetachAsync();
        _caller = caller;
        _live = hub.Connect(deviceId, caller.UserId, "appwrite");
        _pump = PumpAsync(_live, caller, _closing.Token);
    }

    private async Task DetachAsync()
    {
        if (_live is { } live)
        {
            _live = null;
            hub.Disconnect(live);
            await _pump;
            live.Dispose();
        }
    }

    /// <summary>The device id of a user's Appwrite realtime session.</summary>
    public static string DeviceIdOf(string userId) => RequestGuards.IsId("appwrite:" + userId)
        ? "appwrite:" + userId
        : "appwrite:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)))[..32];

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static IEnumerable<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(StringOf).OfType<string>();

    private async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sending.Release();
        }
    }
}
