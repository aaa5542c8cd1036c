using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// One server per test class with a server API key configured, and three users: a nurse of facility A, a nurse of
/// facility B, and a system user. Tests keep apart by their own document and device ids.
/// </summary>
public sealed class AppwriteServer : IAsyncLifetime
{
    /// <summary>The configured server API key.</summary>
    public const string ApiKey = "test-server-key-0123456789abcdef0123456789";

    /// <summary>The configured project id.</summary>
    public const string Project = "clinic-sync";

    /// <summary>A nurse of facility A.</summary>
    public const string NurseA = "nurse-a";

    /// <summary>A nurse of facility B.</summary>
    public const string NurseB = "nurse-b";

    /// <summary>A system user.</summary>
    public const string System = "integration";

    private TestServer? _server;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The endpoint an Appwrite SDK is given: the server's address with <c>/v1</c>.</summary>
    public string Endpoint => new Uri(Server.BaseAddress, "v1").ToString();

    /// <summary>A configuration with one collection, the test project and key; <paramref name="extra"/> adds top-level members.</summary>
    public static string Configuration(string extra = "") => $$"""
        {
          "collections": {
            "patients": {
              "facilityField": "facility_id",
              "conflictStrategy": "merge_with_server_priority",
              "fields": {
                "first_name": { "type": "string", "required": true, "minLength": 1 },
                "date_of_birth": { "type": "date" }
              }
            }
          },
          {{extra}}
          "appwrite": { "projectId": "{{Project}}", "apiKey": "{{ApiKey}}" }
        }
        """;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(Configuration());
        await Server.AddUserAsync(NurseA, UserRole.HealthWorker, "facility-a");
        await Server.AddUserAsync(NurseB, UserRole.HealthWorker, "facility-b");
        await Server.AddUserAsync(System, UserRole.System);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates a patient through the native push as <paramref name="userId"/>; returns the stored document.</summary>
    public async Task<JsonObject> CreatePatientAsync(string userId, string id, string facility, string firstName = "Amina")
    {
        var (status, body) = await TestServer.PostAsync(Server.Client(userId), "v1/sync/push", new
        {
            deviceId = "seed-" + userId,
            queuedOperations = new[]
            {
                new { opId = "seed-" + id, type = "create", collection = "patients", documentId = id,
                    data = new { facility_id = facility, first_name = firstName } },
            },
        });
        Assert.Equal(200, status);
        Assert.Equal("applied", (string?)body!["results"]![0]!["status"]);
        return body["results"]![0]!["document"]!.AsObject();
    }

    /// <summary>The native pull of <paramref name="userId"/> from the start, as JSON.</summary>
    public async Task<JsonObject> NativePullAsync(string userId, string deviceId)
    {
        using var response = await Server.Client(userId).PostAsJsonAsync("v1/sync/pull", new { deviceId, collections = new[] { "patients" } });
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>A plan for <c>functions.mjs</c> against this server.</summary>
    public object Plan(params object[] calls) => new { endpoint = Endpoint, project = Project, calls };

    /// <summary>The credential of a user's FieldSync token, as <c>client.setJWT(token)</c>.</summary>
    public object Jwt(string userId) => new { jwt = Server.TokenFor(userId) };

    /// <summary>The credential of the server API key, as <c>client.setKey(key)</c>.</summary>
    public static object Key => new { key = ApiKey };
}
