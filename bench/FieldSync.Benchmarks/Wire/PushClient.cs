using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FieldSync.Benchmarks.Wire;

/// <summary>Sends push batches and returns the parsed response.</summary>
internal sealed class PushClient(HttpClient http, string deviceId)
{
    public async Task<JsonObject> PushAsync(IReadOnlyList<JsonObject> operations, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["deviceId"] = deviceId,
            ["queuedOperations"] = new JsonArray([.. operations.Select(o => (JsonNode)o.DeepClone())]),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri("v1/sync/push", UriKind.Relative), content, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new HttpRequestException($"push answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Throws unless every operation of <paramref name="response"/> was applied or resolved.</summary>
    public static (int Applied, int Conflicts) Expect(JsonObject response)
    {
        int applied = 0, conflicts = 0;
        foreach (var result in response["results"]!.AsArray())
        {
            switch ((string?)result!["status"])
            {
                case "applied":
                    applied++;
                    break;
                case "conflict_resolved":
                    conflicts++;
                    break;
                default:
                    throw new InvalidOperationException("A benchmark operation was not applied: " + result.ToJsonString());
            }
        }

        return (applied, conflicts);
    }
}
