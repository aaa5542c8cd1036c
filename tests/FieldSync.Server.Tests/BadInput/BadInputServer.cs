using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.BadInput;

/// <summary>
/// One server per test class with a small <c>patients</c> collection. <c>nurse</c> works at <c>fac-1</c>, where
/// <c>pat-1</c> already lives, so that "nothing changed" is checked against a database that holds something.
/// <paramref name="requestLimits"/> replaces the default request limits.
/// </summary>
public abstract class BadInputServer(string? requestLimits = null) : IAsyncLifetime
{
    public const string Nurse = "nurse";

    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A well-formed request for each endpoint, which the tests then break one way at a time.</summary>
    public static JsonObject ValidRequest(string endpoint) => endpoint switch
    {
        "v1/sync/pull" => new() { ["deviceId"] = "tab-1", ["collections"] = new JsonArray("patients"), ["pageLimit"] = 10 },
        "v1/sync/push" => new()
        {
            ["deviceId"] = "tab-1",
            ["queuedOperations"] = new JsonArray(new JsonObject
            {
                ["opId"] = "op-" + Guid.NewGuid().ToString("N"), ["type"] = "create", ["collection"] = "patients",
                ["documentId"] = "pat-" + Guid.NewGuid().ToString("N"), ["data"] = Patient(), ["baseVersion"] = null,
            }),
        },
        "v1/sync/resolve" => new()
        {
            ["collection"] = "patients", ["documentId"] = "pat-1", ["deviceId"] = "tab-1", ["baseVersion"] = 1,
            ["clientData"] = new JsonObject { ["first_name"] = "Changed" },
        },
        "v1/validate" => new()
        {
            ["collection"] = "patients", ["mode"] = "upsert",
            ["documents"] = new JsonArray(PatientWithId()),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not an endpoint of the tests"),
    };

    /// <summary>The four write and read endpoints of the API.</summary>
    public static IReadOnlyList<string> EndpointPaths { get; } = ["v1/sync/pull", "v1/sync/push", "v1/sync/resolve", "v1/validate"];

    /// <summary>The endpoints as theory data.</summary>
    public static TheoryData<string> Endpoints => new(EndpointPaths);

    public static JsonObject Patient() => new() { ["facility_id"] = "fac-1", ["first_name"] = "Amina", ["age"] = 3 };

    private static JsonObject PatientWithId()
    {
        var patient = Patient();
        patient["$id"] = "pat-" + Guid.NewGuid().ToString("N");
        return patient;
    }

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync($$"""
            {
              "collections": {
                "patients": {
                  "fields": {
                    "first_name": { "type": "string", "required": true, "minLength": 1, "maxLength": 100 },
                    "age": { "type": "integer", "min": 0, "max": 130 }
                  }
                }
              }{{(requestLimits is null ? "" : ", \"requests\": " + requestLimits)}}
            }
            """);
        await _server.AddUserAsync(Nurse, UserRole.HealthWorker, "fac-1");
        await _server.AddUserAsync("seeder", UserRole.System);
        var seed = ValidRequest("v1/sync/push");
        seed["queuedOperations"]![0]!["documentId"] = "pat-1";
        var (status, body) = await TestServer.PostAsync(_server.Client("seeder"), "v1/sync/push", seed);
        Assert.True(status == 200 && (string?)body!["results"]![0]!["status"] == "applied", $"seed failed: {body?.ToJsonString()}");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
