using System.Net.WebSockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// A device listening on <c>GET /v1/sync/ws</c> with a real <see cref="ClientWebSocket"/>: one JSON text message per
/// change, read in the background and handed out in order.
/// </summary>
public sealed class SocketListener : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private SocketListener(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = ReadAsync();
    }

    /// <summary>
    /// Connects as <paramref name="userId"/> for <paramref name="deviceId"/>, with the token in the Authorization header
    /// or, as browsers must, in the <c>access_token</c> query parameter.
    /// </summary>
    public static async Task<SocketListener> OpenAsync(TestServer server, string userId, string deviceId, bool tokenInQuery = false)
    {
        var socket = new ClientWebSocket();
        var uri = $"ws://{server.BaseAddress.Authority}/v1/sync/ws?deviceId={deviceId}";
        if (tokenInQuery)
        {
            uri += "&access_token=" + server.TokenFor(userId);
        }
        else
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + server.TokenFor(userId));
        }

        using var patience = new CancellationTokenSource(RealtimeApi.Patience);
        await socket.ConnectAsync(new Uri(uri), patience.Token);
        return new SocketListener(socket);
    }

    /// <summary>The next change message; fails when none arrives within <see cref="RealtimeApi.Patience"/>.</summary>
    public async Task<JsonObject> NextChangeAsync()
    {
        using var patience = new CancellationTokenSource(RealtimeApi.Patience);
        try
        {
            if (await _messages.Reader.WaitToReadAsync(patience.Token) && _messages.Reader.TryRead(out var message))
            {
                Assert.Equal("change", (string?)message["type"]);
                return message;
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            Assert.Fail($"no message arrived within {RealtimeApi.Patience.TotalSeconds} s");
        }

        await _reading;
        throw new InvalidOperationException("The server closed the WebSocket.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed by us.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        await Task.Yield();
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    Assert.Equal(WebSocketMessageType.Text, received.MessageType);
                    await _messages.Writer.WriteAsync(JsonNode.Parse(message.ToArray())!.AsObject());
                    message.SetLength(0);
                }
            }

            _messages.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _messages.Writer.TryComplete(e);
            throw;
        }
    }
}
