using System.Net;
using System.Net.Sockets;

namespace FieldSync.Benchmarks.Wire;

/// <summary>Counts what goes over the connections of the handlers it makes: bytes on the wire, not after decompression.</summary>
internal sealed class WireCounter
{
    private long _received;
    private long _sent;

    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>A handler whose connections are counted; <paramref name="decompression"/> also sets what it asks for.</summary>
    public SocketsHttpHandler Handler(DecompressionMethods decompression) => new()
    {
        AutomaticDecompression = decompression,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new CountingStream(new NetworkStream(socket, ownsSocket: true), this);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    public int AddReceived(int count)
    {
        Interlocked.Add(ref _received, count);
        return count;
    }

    public void AddSent(int count) => Interlocked.Add(ref _sent, count);

    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _sent, 0);
    }
}
