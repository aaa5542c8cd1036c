using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>
/// The one fake allowed: the network between a device and the real server. It records what the device sent and, when
/// told, breaks a request at a chosen point (before or after the server has it, in the reply's body, with a proxy's 5xx,
/// or by holding the reply back).
/// </summary>
public sealed class NetworkEdge() : DelegatingHandler(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All })
{
    private readonly List<PlannedFault> _plan = [];
    private readonly ConcurrentQueue<SentRequest> _sent = new();
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>How long a <see cref="EdgeFault.SlowReply"/> holds the reply back.</summary>
    public TimeSpan SlowReplyDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Called before a request goes on, with its path and its number among requests to that path (1-based).</summary>
    public Func<string, int, Task>? BeforeServer { get; set; }

    /// <summary>Called when the server's reply to a request has arrived at the edge, before the edge does anything to it.</summary>
    public Func<string, int, Task>? AfterServer { get; set; }

    /// <summary>Everything the device sent, in order.</summary>
    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    /// <summary>Requests to <paramref name="path"/> (e.g. <c>/v1/sync/push</c>) numbered <paramref name="from"/> (1-based) and the
    /// <paramref name="count"/> - 1 after it get <paramref name="fault"/>.</summary>
    public void Break(string path, EdgeFault fault, int from = 1, int count = 1)
    {
        lock (_plan)
        {
            _plan.Add(new PlannedFault(path, fault, from, from + count - 1));
        }
    }

    /// <summary>Lets every request through from now on.</summary>
    public void Heal()
    {
        lock (_plan)
        {
            _plan.Clear();
        }
    }

    /// <summary>The requests the device sent to <paramref name="path"/>.</summary>
    public IReadOnlyList<SentRequest> SentTo(string path) => [.. _sent.Where(r => r.Path == path)];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _sent.Enqueue(new SentRequest(path, body, request.Headers.Authorization?.Parameter));
        var (number, fault) = FaultFor(path);
        if (BeforeServer is { } before)
        {
            await before(path, number);
        }

        switch (fault)
        {
            case EdgeFault.DropBeforeServer:
                throw new HttpRequestException("Connection refused (simulated at the network edge).");
            case EdgeFault.Unavailable:
                return Problem(HttpStatusCode.ServiceUnavailable);
        }

        // A slow link still delivers the request: the server finishes it even when the device has given up waiting.
        var response = await base.SendAsync(request, fault == EdgeFault.SlowReply ? CancellationToken.None : cancellationToken);
        if ((fault is not null || AfterServer is not null) && path != "/v1/sync/events")
        {
            // The server has answered in full: whatever it did is done.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
        }

        if (AfterServer is { } after)
        {
            await after(path, number);
        }

        switch (fault)
        {
            case EdgeFault.DropAfterServer:
                response.Dispose();
                throw new HttpRequestException("Connection reset after the server answered (simulated at the network edge).");
            case EdgeFault.BadGatewayAfterServer:
                response.Dispose();
                return Problem(HttpStatusCode.BadGateway);
            case EdgeFault.CutBody:
                return await CutAsync(response, cancellationToken);
            case EdgeFault.StallBody:
                return await CutAsync(response, cancellationToken, stall: true);
            case EdgeFault.SlowReply:
                await Task.Delay(SlowReplyDelay, cancellationToken);
                return response;
            default:
                return response;
        }
    }

    private (int Number, EdgeFault? Fault) FaultFor(string path)
    {
        lock (_plan)
        {
            var number = _seen[path] = _seen.GetValueOrDefault(path) + 1;
            return (number, _plan.FirstOrDefault(p => p.Path == path && number >= p.From && number <= p.To)?.Fault);
        }
    }

    private static HttpResponseMessage Problem(HttpStatusCode status) => new(status)
    {
        Content = new StringContent("<html><body>proxy error</body></html>", Encoding.UTF8, "text/html"),
    };

    private static async Task<HttpResponseMessage> CutAsync(HttpResponseMessage response, CancellationToken cancellationToken,
        bool stall = false)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var cut = new StreamContent(new BrokenStream(bytes[..(bytes.Length / 2)]) { Stall = stall });
        cut.Headers.ContentType = response.Content.Headers.ContentType;
        response.Content = cut;
        return response;
    }

    private sealed record PlannedFault(string Path, EdgeFault Fault, int From, int To);
}
