using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>A raw Appwrite Realtime client on a real <see cref="ClientWebSocket"/>: sends messages, hands out received frames in order.</summary>
public sealed class AppwriteSocket : IAsyncDisposable
{
    /// <summary>How long to wait for a frame that must come.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonObject> _frames = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    /// <summary>How the server closed the socket, once it has.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Connects to <c>/v1/realtime</c> with <paramref name="query"/> (e.g. <c>project=…&amp;jwt=…</c>).</summary>
    public static async Task<AppwriteSocket> OpenAsync(TestServer server, string query)
    {
        var client = new AppwriteSocket();
        using var patience = new CancellationTokenSource(Patience);
        await client._socket.ConnectAsync(new Uri($"ws://{server.BaseAddress.Authority}/v1/realtime?{query}"), patience.Token);
        client._reading = client.ReadAsync();
        return client;
    }

    /// <summary>Sends one JSON message.</summary>
    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);

    /// <summary>The next frame; fails when none comes within <see cref="Patience"/>.</summary>
    public async Task<JsonObject> NextAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        return await _frames.Reader.ReadAsync(patience.Token);
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping others (acks, pongs).</summary>
    public async Task<JsonObject> NextOfTypeAsync(string type)
    {
        while (true)
        {
            var frame = await NextAsync();
            if ((string?)frame["type"] == type)
            {
                return frame;
            }
        }
    }

    /// <summary>Waits until the server has closed the socket.</summary>
    public async Task ClosedAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        await _reading.WaitAsync(patience.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await _frames.Writer.WriteAsync(JsonNode.Parse(buffer.AsSpan(0, received.Count))!.AsObject());
            }
        }
        catch (WebSocketException)
        {
            // The server went away.
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
