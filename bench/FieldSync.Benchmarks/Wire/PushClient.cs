using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Benchmarks.Wire;

/// <summary>
/// Sends push batches as a device does: the request body written straight to UTF-8 (each queued operation written as it
/// is, nothing copied into a new tree or string), the response read from its stream into a <see cref="JsonDocument"/>
/// and checked. One request at a time: the body's buffer is reused.
/// </summary>
internal sealed class PushClient(HttpClient http, string deviceId)
{
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);

    /// <summary>
    /// Pushes <paramref name="operations"/> as one batch; returns how many were applied and how many resolved as conflicts.
    /// </summary>
    /// <exception cref="HttpRequestException">The server answered with an error status.</exception>
    /// <exception cref="InvalidOperationException">An operation was neither applied nor resolved.</exception>
    public async Task<(int Applied, int Conflicts)> PushAsync(IReadOnlyList<JsonObject> operations, CancellationToken cancellationToken)
    {
        _body.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_body))
        {
            writer.WriteStartObject();
            writer.WriteString("deviceId", deviceId);
            writer.WriteStartArray("queuedOperations");
            foreach (var operation in operations)
            {
                operation.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var content = new ReadOnlyMemoryContent(_body.WrittenMemory);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("v1/sync/push", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"push answered {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return Expect(document.RootElement);
    }

    /// <summary>Throws unless every operation of <paramref name="response"/> was applied or resolved.</summary>
    public static (int Applied, int Conflicts) Expect(JsonElement response)
    {
        int applied = 0, conflicts = 0;
        foreach (var result in response.GetProperty("results").EnumerateArray())
        {
            switch (result.GetProperty("status").GetString())
            {
                case "applied":
                    applied++;
                    break;
                case "conflict_resolved":
                    conflicts++;
                    break;
                default:
                    throw new InvalidOperationException("A benchmark operation was not applied: " + result.GetRawText());
            }
        }

        return (applied, conflicts);
    }
}
