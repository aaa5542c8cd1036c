using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Push;

/// <summary>
/// The requests a device sends to pull and push, and the configuration the pull and push tests run with, so that no
/// test depends on the details of the shipped configuration.
/// </summary>
public static class SyncApi
{
    /// <summary>The page size of a pull that names none under <see cref="Configuration"/>.</summary>
    public const int DefaultPageLimit = 50;

    /// <summary>The largest page a pull may ask for under <see cref="Configuration"/>.</summary>
    public const int MaxPageLimit = 100;

    /// <summary>The most pages one pull may return under <see cref="Configuration"/>.</summary>
    public const int MaxPages = 5;

    /// <summary>The most operations one push may carry under <see cref="Configuration"/>.</summary>
    public const int MaxOperationsPerBatch = 20;

    /// <summary>
    /// Patients (merge with server priority, some rules), visits (server wins, facility field <c>clinic</c>) and
    /// drafts (not synced).
    /// </summary>
    public const string Configuration = """
        {
          "collections": {
            "patients": {
              "facilityField": "facility_id",
              "synced": true,
              "conflictStrategy": "merge_with_server_priority",
              "fields": {
                "first_name": { "type": "string", "required": true, "minLength": 1, "maxLength": 100 },
                "sex": { "type": "string", "enum": ["female", "male", "other", "unknown"] },
                "phone": { "type": "string" }
              }
            },
            "visits": { "facilityField": "clinic", "synced": true, "conflictStrategy": "server_wins" },
            "drafts": { "facilityField": "facility_id", "synced": false }
          },
          "pull": { "defaultPageLimit": 50, "maxPageLimit": 100, "maxPages": 5 },
          "push": { "maxOperationsPerBatch": 20 },
          "requests": { "perUserPerMinute": 100000 }
        }
        """;

    /// <summary>A fresh id with a readable prefix, so tests sharing a server never share data.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>A create of a patient in <paramref name="facility"/>.</summary>
    public static JsonObject CreatePatient(string id, string facility, string firstName = "Amina", string? opId = null) =>
        Operation("create", "patients", id, new JsonObject { ["facility_id"] = facility, ["first_name"] = firstName }, opId);

    /// <summary>A create of a visit, whose facility field is <c>clinic</c>.</summary>
    public static JsonObject CreateVisit(string id, string clinic) =>
        Operation("create", "visits", id, new JsonObject { ["clinic"] = clinic, ["reason"] = "check-up" });

    /// <summary>An update of the given fields, made from <paramref name="baseVersion"/>.</summary>
    public static JsonObject Update(string collection, string id, JsonObject changes, long? baseVersion, string? opId = null)
    {
        var operation = Operation("update", collection, id, changes, opId);
        if (baseVersion is { } version)
        {
            operation["baseVersion"] = version;
        }

        return operation;
    }

    /// <summary>A delete.</summary>
    public static JsonObject Delete(string collection, string id, string? opId = null) => Operation("delete", collection, id, null, opId);

    /// <summary>An operation with a fresh <c>opId</c> unless one is given.</summary>
    public static JsonObject Operation(string type, string collection, string id, JsonObject? data, string? opId = null)
    {
        var operation = new JsonObject
        {
            ["opId"] = opId ?? NewId("op"), ["type"] = type, ["collection"] = collection, ["documentId"] = id,
        };
        if (data is not null)
        {
            operation["data"] = data;
        }

        return operation;
    }

    /// <summary>Pushes the operations as one batch and returns the 200 response.</summary>
    public static Task<JsonObject> PushAsync(HttpClient client, string deviceId, params JsonObject[] operations) =>
        PushAsync(client, new JsonObject { ["deviceId"] = deviceId, ["queuedOperations"] = ToArray(operations) });

    /// <summary>Pushes a whole request body and returns the 200 response.</summary>
    public static async Task<JsonObject> PushAsync(HttpClient client, JsonObject request)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/push", request);
        Assert.True(status == 200, $"push answered {status}: {body}");
        return body!.AsObject();
    }

    /// <summary>The result of operation <paramref name="index"/> of a push response.</summary>
    public static JsonObject Result(JsonObject response, int index) => response["results"]![index]!.AsObject();

    /// <summary>Pulls with the request body and returns the 200 response.</summary>
    public static async Task<JsonObject> PullAsync(HttpClient client, JsonObject request)
    {
        var (status, body) = await TestServer.PostAsync(client, "/v1/sync/pull", request);
        Assert.True(status == 200, $"pull answered {status}: {body}");
        return body!.AsObject();
    }

    /// <summary>Pulls from <paramref name="checkpoint"/> until <c>hasMore</c> is false, as a device does.</summary>
    public static async Task<PullRun> PullToEndAsync(HttpClient client, string deviceId, string? checkpoint = null, int? pageLimit = null)
    {
        var run = new PullRun();
        while (true)
        {
            var request = new JsonObject { ["deviceId"] = deviceId, ["checkpoint"] = checkpoint };
            if (pageLimit is { } limit)
            {
                request["pageLimit"] = limit;
            }

            var response = await PullAsync(client, request);
            run.Responses.Add(response);
            checkpoint = (string)response["checkpoint"]!;
            if (!(bool)response["hasMore"]!)
            {
                run.Checkpoint = checkpoint;
                return run;
            }

            Assert.True(run.Responses.Count < 1000, "the pull never reached hasMore = false");
        }
    }

    /// <summary>The documents of a pull response.</summary>
    public static List<JsonObject> Documents(JsonObject response) => [.. response["documents"]!.AsArray().Select(d => d!.AsObject())];

    /// <summary>The deletions of a pull response.</summary>
    public static List<JsonObject> Deletions(JsonObject response) => [.. response["deletions"]!.AsArray().Select(d => d!.AsObject())];

    /// <summary>The <c>$id</c> of each document.</summary>
    public static List<string> Ids(IEnumerable<JsonObject> documents) => [.. documents.Select(d => (string)d["$id"]!)];

    /// <summary>A new user of the role and facilities; returns the user id.</summary>
    public static async Task<string> NewUserAsync(TestServer server, UserRole role, params string[] facilities)
    {
        var user = NewId("user");
        await server.AddUserAsync(user, role, facilities);
        return user;
    }

    /// <summary>A new health worker of a new facility, with a client that carries their token.</summary>
    public static async Task<(HttpClient Client, string Facility)> NewWorkerAsync(TestServer server)
    {
        var facility = NewId("fac");
        return (server.Client(await NewUserAsync(server, UserRole.HealthWorker, facility)), facility);
    }

    /// <summary>Creates <paramref name="count"/> patients in batches the configuration allows; returns id → version.</summary>
    public static async Task<Dictionary<string, long>> SeedPatientsAsync(HttpClient client, string facility, int count)
    {
        var versions = new Dictionary<string, long>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(MaxOperationsPerBatch))
        {
            var response = await PushAsync(client, NewId("tab"), [.. chunk.Select(i => CreatePatient(NewId("pat"), facility, $"P{i}"))]);
            foreach (var result in response["results"]!.AsArray())
            {
                Assert.Equal("applied", (string)result!["status"]!);
                versions[(string)result["document"]!["$id"]!] = (long)result["document"]!["$version"]!;
            }
        }

        return versions;
    }

    private static JsonArray ToArray(IEnumerable<JsonObject> operations) => [.. operations.Select(o => (JsonNode)o.DeepClone())];
}
