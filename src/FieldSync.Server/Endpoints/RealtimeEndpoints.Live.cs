using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FieldSync.Core;
using FieldSync.Core.Contracts;
using FieldSync.Core.Realtime;
using FieldSync.Server.Auth;
using FieldSync.Server.Realtime;

namespace FieldSync.Server.Endpoints;

public static partial class RealtimeEndpoints
{
    /// <summary>How often an idle live connection gets a keep-alive, so proxies and devices see it is alive.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>Server-Sent Events: one <c>change</c> event per notification, a <c>ping</c> when idle.</summary>
    internal static async Task<IResult> EventsAsync(string? deviceId, string? collections, HttpContext context, RealtimeService service,
        RealtimeHub hub, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var heartbeat = await service.HeartbeatAsync(caller, HeartbeatOf(deviceId, collections), cancellationToken);
        var connection = hub.Connect(heartbeat.DeviceId, caller.UserId, "sse");
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(ReadEventsAsync(hub, connection, cancellationToken));
    }

    /// <summary>WebSocket: one JSON text message per notification; the framework's ping frames keep it alive.</summary>
    internal static async Task<IResult> WebSocketAsync(string? deviceId, string? collections, HttpContext context, RealtimeService service,
        RealtimeHub hub, CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(Errors.ProblemWriter.Create(StatusCodes.Status400BadRequest, "websocket_required",
                "This endpoint speaks WebSocket; connect with a WebSocket client (or use /v1/sync/events for SSE).", []));
        }

        var caller = context.GetCaller();
        var heartbeat = await service.HeartbeatAsync(caller, HeartbeatOf(deviceId, collections), cancellationToken);
        // Registered before the handshake completes: a change committed once the device sees the socket open is queued for it.
        var connection = hub.Connect(heartbeat.DeviceId, caller.UserId, "websocket");
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Closed);
            var receiving = DrainAsync(socket, linked);
            await foreach (var message in connection.Messages.ReadAllAsync(linked.Token))
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(message, SyncJson.Options);
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, linked.Token);
            }

            await receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The device went away or was dropped as too slow.
        }
        finally
        {
            hub.Disconnect(connection);
            connection.Dispose();
        }

        return TypedResults.Empty;
    }

    private static async IAsyncEnumerable<SseItem<NotificationMessage?>> ReadEventsAsync(RealtimeHub hub, LiveConnection connection,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Closed);
        try
        {
            yield return new SseItem<NotificationMessage?>(null, "ready") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
            while (!linked.IsCancellationRequested)
            {
                var next = await NextAsync(connection, linked.Token);
                if (next.Closed)
                {
                    yield break;
                }

                yield return next.Message is null ? new SseItem<NotificationMessage?>(null, "ping") : new(next.Message, "change");
            }
        }
        finally
        {
            hub.Disconnect(connection);
            connection.Dispose();
        }
    }

    private static async Task<(bool Closed, NotificationMessage? Message)> NextAsync(LiveConnection connection, CancellationToken token)
    {
        if (connection.Messages.TryRead(out var queued))
        {
            return (false, queued);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
        idle.CancelAfter(KeepAlive);
        try
        {
            if (!await connection.Messages.WaitToReadAsync(idle.Token))
            {
                return (true, null);
            }

            return connection.Messages.TryRead(out var message) ? (false, message) : (false, null);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            return (false, null);
        }
        catch (OperationCanceledException)
        {
            return (true, null);
        }
    }

    // Reads until the client closes, so a closed socket ends the send loop too.
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource linked)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, linked.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Gone.
        }
        finally
        {
            await linked.CancelAsync();
        }
    }

    private static HeartbeatRequest HeartbeatOf(string? deviceId, string? collections) => new()
    {
        DeviceId = deviceId,
        Collections = string.IsNullOrEmpty(collections) ? null : collections.Split(',', StringSplitOptions.RemoveEmptyEntries),
    };
}
