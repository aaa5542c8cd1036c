using System.Threading.Channels;
using FieldSync.Core.Contracts;

namespace FieldSync.Server.Realtime;

/// <summary>
/// One open SSE or WebSocket connection of a device. Its queue is bounded: a reader that falls that far behind is
/// closed (it catches up by pulling when it reconnects) rather than slowing anyone else down.
/// </summary>
public sealed class LiveConnection(string deviceId, string userId, string channel, int capacity) : IDisposable
{
    private readonly Channel<NotificationMessage> _queue = System.Threading.Channels.Channel.CreateBounded<NotificationMessage>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource _closed = new();

    /// <summary>The device.</summary>
    public string DeviceId { get; } = deviceId;

    /// <summary>The connection's authenticated user.</summary>
    public string UserId { get; } = userId;

    /// <summary><c>sse</c> or <c>websocket</c>.</summary>
    public string Channel { get; } = channel;

    /// <summary>Cancelled when the server drops the connection.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>The queued messages, for the connection's writer loop.</summary>
    public ChannelReader<NotificationMessage> Messages => _queue.Reader;

    /// <summary>Queues a message without waiting; false (and the connection is closed) when the queue is full.</summary>
    public bool TryEnqueue(NotificationMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        Close();
        return false;
    }

    /// <summary>Ends the connection's writer loop.</summary>
    public void Close()
    {
        _queue.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed by its own loop.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _closed.Dispose();
}
