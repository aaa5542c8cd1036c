using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Realtime;

namespace FieldSync.Server.Tests.Status;

/// <summary>
/// The status monitor's requests and the configuration its tests run with: <c>patients</c> (merge with server priority,
/// a required <c>first_name</c>) and <c>visits</c> (server wins), with the health thresholds each test chooses.
/// </summary>
public static class StatusApi
{
    /// <summary>The configuration with the given <c>health</c> section (JSON object text) and heartbeat window.</summary>
    public static string Configuration(string health = "{}", int heartbeatWindowSeconds = 300) => $$"""
        {
          "collections": {
            "patients": {
              "facilityField": "facility_id",
              "synced": true,
              "conflictStrategy": "merge_with_server_priority",
              "fields": { "first_name": { "type": "string", "required": true, "minLength": 1, "maxLength": 100 } }
            },
            "visits": { "facilityField": "facility_id", "synced": true, "conflictStrategy": "server_wins" }
          },
          "pull": { "defaultPageLimit": 500, "maxPageLimit": 1000, "maxPages": 20 },
          "requests": { "perUserPerMinute": 100000, "maxBodyBytes": 4194304 },
          "realtime": { "heartbeatWindowSeconds": {{heartbeatWindowSeconds}} },
          "health": {{health}}
        }
        """;

    /// <summary>The status report for the query string (without <c>?</c>); must be 200.</summary>
    public static async Task<JsonObject> GetAsync(HttpClient client, string query = "")
    {
        var (status, body) = await TryGetAsync(client, query);
        Assert.True(status == 200, $"status answered {status}: {body}");
        return body!.AsObject();
    }

    /// <summary>The answer of the status endpoint, whatever it is.</summary>
    public static async Task<(int Status, JsonNode? Body)> TryGetAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/v1/sync/status" + (query.Length == 0 ? "" : "?" + query));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A figure of the report by its path, e.g. <c>queue.operations</c>.</summary>
    public static long Figure(JsonObject report, string path)
    {
        JsonNode? node = report;
        foreach (var name in path.Split('.'))
        {
            node = node?[name];
        }

        Assert.True(node is not null, $"{path} is missing from {report}");
        return (long)node;
    }

    /// <summary>The figures of a report at the given paths, in order, for one comparison that shows them all.</summary>
    public static long[] Figures(JsonObject report, params string[] paths) => [.. paths.Select(p => Figure(report, p))];

    /// <summary>The reasons of a report as one string, for messages and substring checks.</summary>
    public static string Reasons(JsonObject report) => string.Join(" | ", report["reasons"]!.AsArray().Select(r => (string?)r));

    /// <summary>Pushes the operations as one batch and returns each result's status; the request itself must be accepted.</summary>
    public static async Task<List<string>> PushAsync(HttpClient client, string deviceId, params JsonObject[] operations)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/push",
            new JsonObject { ["deviceId"] = deviceId, ["queuedOperations"] = new JsonArray([.. operations]) });
        Assert.True(status == 200, $"push answered {status}: {body}");
        return [.. body!["results"]!.AsArray().Select(r => (string)r!["status"]!)];
    }

    /// <summary>A create of a patient without the required <c>first_name</c>: rejected, not retryable.</summary>
    public static JsonObject InvalidPatient(string facility) =>
        RealtimeApi.Operation("create", "patients", RealtimeApi.NewId("pat"), new JsonObject { ["facility_id"] = facility });

    /// <summary>An update of the patient's <c>first_name</c> made from <paramref name="baseVersion"/>.</summary>
    public static JsonObject Rename(string id, string name, long baseVersion) =>
        RealtimeApi.Operation("update", "patients", id, new JsonObject { ["first_name"] = name }, baseVersion);

    /// <summary>Pulls from <paramref name="checkpoint"/> to the end and returns the last checkpoint.</summary>
    public static async Task<string> PullAsync(HttpClient client, string deviceId, string? checkpoint = null)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/pull",
            new JsonObject { ["deviceId"] = deviceId, ["checkpoint"] = checkpoint, ["maxPages"] = 20 });
        Assert.True(status == 200 && !(bool)body!["hasMore"]!, $"pull answered {status}: {body}");
        return (string)body["checkpoint"]!;
    }
}
