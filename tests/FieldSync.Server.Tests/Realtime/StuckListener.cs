using System.Net.ServerSentEvents;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// A device that opens <c>GET /v1/sync/events</c> and then stops reading, as a phone whose app froze would. Its socket
/// has a tiny receive buffer and segment size, so the kernel soon stops taking data for it and the server's writer for
/// this connection stalls after hundreds of messages rather than after megabytes.
/// </summary>
public sealed class StuckListener : IDisposable
{
    private const int IpProtocolTcp = 6;
    private const int TcpMaxSegment = 2;

    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;

    private StuckListener(HttpClient client, HttpResponseMessage response) => (_client, _response) = (client, response);

    /// <summary>Opens the stream as <paramref name="userId"/> for <paramref name="deviceId"/> and reads nothing of it.</summary>
    public static async Task<StuckListener> OpenAsync(TestServer server, string userId, string deviceId)
    {
        var handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.TokenFor(userId));
        return new StuckListener(client, await SseListener.SendAsync(client, $"/v1/sync/events?deviceId={deviceId}"));
    }

    /// <summary>
    /// Starts reading at last: the document ids of the change events the server had sent, in order, until the stream
    /// ends. Fails if it has not ended by <paramref name="deadline"/>, i.e. if the server never dropped the connection.
    /// </summary>
    public async Task<List<string>> ReadToEndAsync(CancellationToken deadline)
    {
        var ids = new List<string>();
        await using var stream = await _response.Content.ReadAsStreamAsync(deadline);
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(deadline))
            {
                if (item.EventType == "change")
                {
                    ids.Add((string)JsonNode.Parse(item.Data)!["documentId"]!);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"the stuck connection was still open after {ids.Count} changes had been read from it");
        }

        return ids;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _response.Dispose();
        _client.Dispose();
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // On loopback the segment size is about 64 KiB and the sender's buffer grows to megabytes with it; a small
            // segment keeps what the kernels hold for this one connection to some hundred messages.
            socket.SetRawSocketOption(IpProtocolTcp, TcpMaxSegment, BitConverter.GetBytes(536));
        }

        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
