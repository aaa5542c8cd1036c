using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FieldSync.Benchmarks.Wire;

/// <summary>
/// Many devices listening on Server-Sent Events at once. For each <c>change</c> event two delays are kept: from its
/// <c>createdAt</c> (the server's clock when the change's notification was written, inside the committing transaction —
/// the same clock as this process's, on one machine) to this receipt, and from the moment the trigger sent the change
/// (looked up by <c>documentId</c>) to this receipt.
/// </summary>
internal sealed class SseDevices : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private readonly ConcurrentDictionary<string, long> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentBag<double> _sinceSent = [];
    private int _ready;

    public int Ready => Volatile.Read(ref _ready);

    /// <summary>Milliseconds from commit (the event's <c>createdAt</c>) to receipt.</summary>
    public IReadOnlyCollection<double> Latencies => _latencies;

    /// <summary>Milliseconds from the trigger's send to receipt.</summary>
    public IReadOnlyCollection<double> SinceSent => _sinceSent;

    /// <summary>Records the moment the change to <paramref name="documentId"/> is sent.</summary>
    public void Sent(string documentId) => _sent[documentId] = Stopwatch.GetTimestamp();

    /// <summary>
    /// Opens <paramref name="count"/> streams, <paramref name="parallel"/> at a time, and waits until each said <c>ready</c>.
    /// </summary>
    public async Task ConnectAsync(int count, int parallel, Func<int, (Uri Address, string? Token)> device)
    {
        using var gate = new SemaphoreSlim(parallel);
        var opened = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (address, token) = device(i);
            _readers.Add(ReadAsync(address, token, ready));
            opened.Add(ready.Task.ContinueWith(_ => gate.Release(), TaskScheduler.Default));
        }

        await Task.WhenAll(opened).WaitAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Waits until <paramref name="expected"/> deliveries arrived, or the timeout passed.</summary>
    public async Task WaitForAsync(int expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (_latencies.Count < expected && watch.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }

    private async Task ReadAsync(Uri address, string? token, TaskCompletionSource ready)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
            var eventType = "";
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    eventType = line[6..].Trim();
                    if (eventType == "ready" && ready.TrySetResult())
                    {
                        Interlocked.Increment(ref _ready);
                    }
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == "change")
                {
                    Received(line[5..]);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            ready.TrySetException(e);
        }
    }

    private void Received(string data)
    {
        var (now, clock) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
        using var json = JsonDocument.Parse(data);
        if (json.RootElement.GetProperty("documentId").GetString() is { } id && _sent.TryGetValue(id, out var sent))
        {
            _latencies.Add((clock - json.RootElement.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds);
            _sinceSent.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers).WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { }, TaskScheduler.Default);
        _http.Dispose();
        _stop.Dispose();
    }
}
