using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// The requests of the realtime tests and the configuration they run with (so they do not depend on the shipped
/// file): <c>patients</c> (one required field) and <c>notes</c>, both synced.
/// </summary>
public static class RealtimeApi
{
    /// <summary>How long a test waits for a message that must come; a guard against hanging, not a measure of speed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>The configuration, with the given heartbeat window.</summary>
    public static string Configuration(int heartbeatWindowSeconds = 300) => $$"""
        {
          "collections": {
            "patients": {
              "facilityField": "facility_id",
              "synced": true,
              "conflictStrategy": "merge_with_server_priority",
              "fields": { "first_name": { "type": "string", "required": true, "minLength": 1, "maxLength": 100 } }
            },
            "notes": { "facilityField": "facility_id", "synced": true, "conflictStrategy": "server_wins" }
          },
          "push": { "maxOperationsPerBatch": 500 },
          "requests": { "perUserPerMinute": 100000 },
          "realtime": { "heartbeatWindowSeconds": {{heartbeatWindowSeconds}} }
        }
        """;

    /// <summary>A fresh id with a readable prefix, so tests sharing a server never share data.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A new user of the role and facilities; returns the user id.</summary>
    public static async Task<string> NewUserAsync(TestServer server, UserRole role, params string[] facilities)
    {
        var user = NewId("user");
        await server.AddUserAsync(user, role, facilities);
        return user;
    }

    /// <summary>A create of a patient in <paramref name="facility"/>.</summary>
    public static JsonObject CreatePatient(string id, string facility, string firstName = "Amina") =>
        Operation("create", "patients", id, new JsonObject { ["facility_id"] = facility, ["first_name"] = firstName });

    /// <summary>An operation with a fresh <c>opId</c>.</summary>
    public static JsonObject Operation(string type, string collection, string id, JsonObject? data, long? baseVersion = null)
    {
        var operation = new JsonObject { ["opId"] = NewId("op"), ["type"] = type, ["collection"] = collection, ["documentId"] = id };
        if (data is not null)
        {
            operation["data"] = data;
        }

        if (baseVersion is { } version)
        {
            operation["baseVersion"] = version;
        }

        return operation;
    }

    /// <summary>Pushes the operations as one batch; every one must be applied.</summary>
    public static async Task<JsonObject> PushAsync(HttpClient client, string deviceId, params JsonObject[] operations)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/push",
            new JsonObject { ["deviceId"] = deviceId, ["queuedOperations"] = new JsonArray([.. operations]) });
        Assert.True(status == 200, $"push answered {status}: {body}");
        foreach (var result in body!["results"]!.AsArray())
        {
            Assert.True((string?)result!["status"] == "applied", $"operation not applied: {result}");
        }

        return body.AsObject();
    }

    /// <summary>Pushes one new patient of <paramref name="facility"/>; returns its id.</summary>
    public static async Task<string> PushPatientAsync(HttpClient client, string facility)
    {
        var id = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(id, facility));
        return id;
    }

    /// <summary>Sends a heartbeat for the device, which must be accepted.</summary>
    public static async Task<JsonObject> HeartbeatAsync(HttpClient client, string deviceId, params string[] collections)
    {
        var request = new JsonObject { ["deviceId"] = deviceId };
        if (collections.Length > 0)
        {
            request["collections"] = new JsonArray([.. collections.Select(c => (JsonNode)c)]);
        }

        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/heartbeat", request);
        Assert.True(status == 200, $"heartbeat answered {status}: {body}");
        return body!.AsObject();
    }

    /// <summary>The device's notifications as the caller sees them (only pending ones with <paramref name="pending"/>).</summary>
    public static async Task<List<JsonObject>> ListAsync(HttpClient client, string deviceId, bool pending)
    {
        using var response = await client.GetAsync($"/v1/sync/notifications?deviceId={deviceId}&pending={(pending ? "true" : "false")}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 200, $"notifications answered {(int)response.StatusCode}: {text}");
        return [.. JsonNode.Parse(text)!["notifications"]!.AsArray().Select(n => n!.AsObject())];
    }

    /// <summary>Acknowledges the ids for the device; returns how many the server marked delivered.</summary>
    public static async Task<long> AcknowledgeAsync(HttpClient client, string deviceId, IEnumerable<long> ids)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/notifications/ack",
            new JsonObject { ["deviceId"] = deviceId, ["ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) });
        Assert.True(status == 200, $"ack answered {status}: {body}");
        return (long)body!["acknowledged"]!;
    }

    /// <summary>The document ids of the <c>sync_notifications</c> rows stored for the device, in order.</summary>
    public static async Task<List<string>> StoredNotificationsAsync(TestServer server, string deviceId) =>
        [.. (await server.QueryAsync("SELECT document_id FROM sync_notifications WHERE device_id = @device ORDER BY id",
            ("@device", deviceId))).Select(row => (string)row["document_id"]!)];
}
