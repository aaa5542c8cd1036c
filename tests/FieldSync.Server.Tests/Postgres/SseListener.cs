using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Postgres;

/// <summary>An open SSE connection to <c>/v1/sync/events</c> that hands out its <c>change</c> events.</summary>
public sealed class SseListener : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseListener(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    /// <summary>Connects as <paramref name="deviceId"/> and waits for the server's <c>ready</c> event.</summary>
    public static async Task<SseListener> OpenAsync(HttpClient client, string deviceId)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"v1/sync/events?deviceId={deviceId}"),
            HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var listener = new SseListener(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        while (await listener.NextEventAsync(TimeSpan.FromSeconds(10)) is var (type, _) && type != "ready")
        {
        }

        return listener;
    }

    /// <summary>The data of the next <c>change</c> event, skipping keep-alives.</summary>
    public async Task<JsonNode> NextChangeAsync(TimeSpan timeout)
    {
        while (true)
        {
            var (type, data) = await NextEventAsync(timeout);
            if (type == "change")
            {
                return JsonNode.Parse(data)!;
            }
        }
    }

    private async Task<(string Type, string Data)> NextEventAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string type = "message", data = "";
        while (await _reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.Length == 0)
            {
                return (type, data);
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data += line[5..].Trim();
            }
        }

        throw new Xunit.Sdk.XunitException("The event stream ended.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
