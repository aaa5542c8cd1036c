using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Validate;

/// <summary>
/// One server per test class with its own rules for <c>patients</c> and <c>immunization_records</c> (every kind of
/// rule, and a small vaccine schedule). <c>nurse</c> works at <c>fac-1</c>; <c>pat-1</c> (born 2024-01-01) lives
/// there, <c>pat-z</c> at <c>fac-2</c>.
/// </summary>
public sealed class ValidationServer : IAsyncLifetime
{
    public const string Nurse = "nurse";

    private const string Config = """
        {
          "collections": {
            "patients": {
              "fields": {
                "first_name": { "type": "string", "required": true, "minLength": 1, "maxLength": 20 },
                "sex": { "type": "string", "required": true, "enum": ["female", "male"] },
                "date_of_birth": { "type": "date", "required": true, "notInFuture": true },
                "phone": { "type": "string", "pattern": "\\+?[0-9]{6,15}" },
                "weight_kg": { "type": "number", "min": 0.5, "max": 200 },
                "visits": { "type": "integer" }
              }
            },
            "immunization_records": {
              "conflictStrategy": "server_wins",
              "fields": {
                "patient_id": { "type": "string", "required": true, "references": "patients" },
                "vaccine_code": { "type": "string", "required": true },
                "dose_number": { "type": "integer", "min": 0, "max": 5 },
                "date_administered": { "type": "date", "required": true, "notInFuture": true }
              },
              "schedule": {
                "vaccines": {
                  "PENTA": { "doses": 3, "firstDoseNumber": 1, "firstDoseMinAgeWeeks": 6 },
                  "OPV": { "doses": 4, "firstDoseNumber": 0, "firstDoseMinAgeWeeks": 0 }
                }
              }
            }
          }
        }
        """;

    private TestServer? _server;

    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A patient that breaks no rule.</summary>
    public static JsonObject ValidPatient() => new()
    {
        ["facility_id"] = "fac-1", ["first_name"] = "Amina", ["sex"] = "female", ["date_of_birth"] = "2024-01-01",
        ["phone"] = "+2348012345", ["weight_kg"] = 7.5, ["visits"] = 2,
    };

    /// <summary>A dose of PENTA for <c>pat-1</c> at about eight weeks of age, breaking no rule.</summary>
    public static JsonObject ValidDose() => new()
    {
        ["facility_id"] = "fac-1", ["patient_id"] = "pat-1", ["vaccine_code"] = "PENTA", ["dose_number"] = 1,
        ["date_administered"] = "2024-03-01",
    };

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(Config);
        await _server.AddUserAsync(Nurse, UserRole.HealthWorker, "fac-1");
        await _server.AddUserAsync("seeder", UserRole.System);
        var home = ValidPatient();
        var elsewhere = ValidPatient();
        elsewhere["facility_id"] = "fac-2";
        foreach (var (id, data) in new[] { ("pat-1", home), ("pat-z", elsewhere) })
        {
            var result = await PushCreateAsync(_server.Client("seeder"), "patients", id, data);
            Assert.Equal("applied", (string?)result["status"]);
        }
    }

    /// <summary>Pushes one create and returns its result.</summary>
    public static async Task<JsonNode> PushCreateAsync(HttpClient client, string collection, string id, JsonObject data)
    {
        var (status, body) = await TestServer.PostAsync(client, "v1/sync/push", new
        {
            deviceId = "seed-device",
            queuedOperations = new[]
            {
                new { opId = "op-" + Guid.NewGuid().ToString("N"), type = "create", collection, documentId = id, data },
            },
        });
        Assert.True(status == 200, $"push answered {status}: {body?.ToJsonString()}");
        return body!["results"]![0]!;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
