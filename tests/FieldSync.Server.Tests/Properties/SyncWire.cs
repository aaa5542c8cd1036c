using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Properties;

/// <summary>The two sync requests as a client sends them; any answer but 200 is a failure of the property.</summary>
internal static class SyncWire
{
    public static Task<JsonObject> PushAsync(HttpClient client, string deviceId, IEnumerable<JsonObject> operations) =>
        PostAsync(client, "v1/sync/push", new JsonObject
        {
            ["deviceId"] = deviceId,
            ["queuedOperations"] = new JsonArray([.. operations.Select(o => o.DeepClone())]),
        });

    public static Task<JsonObject> PullAsync(HttpClient client, string deviceId, string? checkpoint, int pageLimit) =>
        PostAsync(client, "v1/sync/pull", new JsonObject
        {
            ["deviceId"] = deviceId,
            ["checkpoint"] = checkpoint,
            ["pageLimit"] = pageLimit,
        });

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, JsonObject body)
    {
        var (status, answer) = await TestServer.PostAsync(client, path, body);
        return status == 200 && answer is JsonObject result
            ? result
            : throw new InvalidOperationException($"{path} answered {status}: {answer?.ToJsonString()}");
    }
}
