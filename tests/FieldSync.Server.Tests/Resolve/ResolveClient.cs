using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Resolve;

/// <summary>Calls <c>POST /v1/sync/resolve</c> on the <c>cases</c> collection as one of the fixture's users.</summary>
public sealed class ResolveClient(TestServer server)
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Sends any request body and returns the status and the parsed answer.</summary>
    public Task<(int Status, JsonNode? Body)> SendAsync(string userId, object request)
    {
        if (!_clients.TryGetValue(userId, out var client))
        {
            client = server.Client(userId);
            _clients[userId] = client;
        }

        return TestServer.PostAsync(client, "v1/sync/resolve", request);
    }

    /// <summary>Resolves one client version and returns the answer, which must be 200.</summary>
    public async Task<JsonObject> ResolveAsync(
        string userId, string documentId, JsonObject clientData, long? baseVersion, DateTimeOffset? clientTimestamp)
    {
        var (status, body) = await SendAsync(userId, Request(userId, documentId, clientData, baseVersion, clientTimestamp));
        Assert.True(status == 200, $"resolve answered {status}: {body?.ToJsonString()}");
        return body!.AsObject();
    }

    /// <summary>A resolve request on the <c>cases</c> collection from the user's own device.</summary>
    public static object Request(
        string userId, string documentId, JsonObject clientData, long? baseVersion, DateTimeOffset? clientTimestamp) =>
        new
        {
            collection = StrategyServer.Collection,
            documentId,
            clientData,
            clientTimestamp,
            baseVersion,
            deviceId = "tab-" + userId,
            userId,
        };

    /// <summary>The document's data as the server shows it, without the <c>$</c> metadata.</summary>
    public static JsonObject DataOf(JsonNode document)
    {
        var data = new JsonObject();
        foreach (var (name, value) in document.AsObject())
        {
            if (!name.StartsWith('$'))
            {
                data[name] = value?.DeepClone();
            }
        }

        return data;
    }
}
