using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// A device listening on <c>GET /v1/sync/events</c> with a streaming <see cref="HttpClient"/> response, parsed by the
/// framework's SSE parser. Events are read in the background as they arrive and handed out in order.
/// </summary>
public sealed class SseListener : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<SseItem<string>> _events = Channel.CreateUnbounded<SseItem<string>>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private SseListener(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reading = ReadAsync(stream);
    }

    /// <summary>
    /// Opens the stream at <paramref name="pathAndQuery"/> and waits for its <c>ready</c> event, after which every
    /// committed change the device may see is sent to it.
    /// </summary>
    public static async Task<SseListener> OpenAsync(HttpClient client, string pathAndQuery)
    {
        var response = await SendAsync(client, pathAndQuery);
        var listener = new SseListener(response, await response.Content.ReadAsStreamAsync());
        var ready = await listener.NextAsync();
        Assert.Equal("ready", ready.EventType);
        return listener;
    }

    /// <summary>Sends the request and returns the response once its headers are in, checking it is an event stream.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            Assert.Fail($"events answered {(int)response.StatusCode}: {body}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    /// <summary>The next event of any type; fails when none arrives within <see cref="RealtimeApi.Patience"/>.</summary>
    public async Task<SseItem<string>> NextAsync()
    {
        using var patience = new CancellationTokenSource(RealtimeApi.Patience);
        try
        {
            if (await _events.Reader.WaitToReadAsync(patience.Token) && _events.Reader.TryRead(out var item))
            {
                return item;
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            Assert.Fail($"no event arrived within {RealtimeApi.Patience.TotalSeconds} s");
        }

        await _reading;
        throw new InvalidOperationException("The event stream ended.");
    }

    /// <summary>The data of the next <c>change</c> event, skipping keep-alive pings.</summary>
    public async Task<JsonObject> NextChangeAsync()
    {
        while (true)
        {
            var item = await NextAsync();
            if (item.EventType == "ping")
            {
                continue;
            }

            Assert.Equal("change", item.EventType);
            return JsonNode.Parse(item.Data)!.AsObject();
        }
    }

    /// <summary>The changes received in order, up to and including the first that <paramref name="last"/> matches.</summary>
    public async Task<List<JsonObject>> ChangesUntilAsync(Func<JsonObject, bool> last)
    {
        var changes = new List<JsonObject>();
        while (changes.Count == 0 || !last(changes[^1]))
        {
            changes.Add(await NextChangeAsync());
        }

        return changes;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Closed by us.
        }

        _stop.Dispose();
    }

    private async Task ReadAsync(Stream stream)
    {
        await Task.Yield();
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(_stop.Token))
            {
                await _events.Writer.WriteAsync(item);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _events.Writer.TryComplete(e);
            throw;
        }
    }
}
