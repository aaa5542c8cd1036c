using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FieldSync.Benchmarks.Roles;

/// <summary>
/// <c>sse-baseline PORT</c>: the fan-out limit of this machine and framework, without FieldSync. A bare ASP.NET Core
/// server whose <c>POST /publish</c> puts one message, shaped like FieldSync's change notice, on the queue of every open
/// <c>GET /events</c> stream, written by the same Server-Sent Events result the server uses. No storage, no auth, no logs.
/// </summary>
internal static class SseBaselineRole
{
    private static readonly ConcurrentDictionary<Channel<JsonObject>, byte> _streams = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{args[0]}");
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapGet("/events", (CancellationToken cancellationToken) => TypedResults.ServerSentEvents(StreamAsync(cancellationToken)));
        app.MapPost("/publish", async (HttpRequest request) =>
        {
            var body = (await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(request.Body))!;
            var message = new JsonObject
            {
                ["type"] = "change", ["collection"] = "patients", ["documentId"] = (string?)body["documentId"],
                    ["facilityId"] = "fac-kano-001",
                ["action"] = "update", ["version"] = 2, ["checkpoint"] = "ZnMxOjE", ["createdAt"] = DateTimeOffset.UtcNow,
            };
            foreach (var stream in _streams.Keys)
            {
                stream.Writer.TryWrite(message);
            }

            return TypedResults.Ok();
        });
        await app.RunAsync();
        return 0;
    }

    private static async IAsyncEnumerable<SseItem<JsonObject?>> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(256) { SingleReader = true });
        _streams.TryAdd(channel, 0);
        try
        {
            yield return new SseItem<JsonObject?>(null, "ready");
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var message))
                {
                    yield return new SseItem<JsonObject?>(message, "change");
                }
            }
        }
        finally
        {
            _streams.TryRemove(channel, out _);
        }
    }
}
