using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.Validate;

public sealed class UpsertModeTests(ValidationServer fixture) : IClassFixture<ValidationServer>
{
    private readonly TestServer _server = fixture.Server;
    private readonly HttpClient _nurse = fixture.Server.Client(ValidationServer.Nurse);

    [Fact]
    public async Task Upsert_creates_valid_documents_updates_existing_ones_and_leaves_invalid_ones_unwritten()
    {
        var existing = "pat-" + Guid.NewGuid().ToString("N");
        var seeded = await ValidationServer.PushCreateAsync(_nurse, "patients", existing, ValidationServer.ValidPatient());
        Assert.Equal("applied", (string?)seeded["status"]);
        var fresh = Patient("pat-" + Guid.NewGuid().ToString("N"));
        var changed = Patient(existing);
        changed["first_name"] = "Renamed";
        var invalid = Patient("pat-" + Guid.NewGuid().ToString("N"));
        invalid["weight_kg"] = 900;

        var body = await UpsertAsync("patients", fresh, changed, invalid);

        Assert.False((bool)body["valid"]!);
        var results = body["results"]!.AsArray();
        Assert.Equal("created", (string?)results[0]!["action"]);
        Assert.Equal("updated", (string?)results[1]!["action"]);
        Assert.Null(results[2]!["action"]);
        ValidateModeTests.AssertError(results[2]!, "weight_kg", "max");
        Assert.Equal((1L, "Amina"), await StoredAsync((string)fresh["$id"]!));
        Assert.Equal((2L, "Renamed"), await StoredAsync(existing));
        Assert.Null(await StoredOrNullAsync((string)invalid["$id"]!));
    }

    [Fact]
    public async Task Upsert_without_an_id_creates_the_document_under_the_id_it_reports()
    {
        var body = await UpsertAsync("patients", ValidationServer.ValidPatient());

        Assert.True((bool)body["valid"]!);
        var result = body["results"]![0]!;
        Assert.Equal("created", (string?)result["action"]);
        var id = (string?)result["id"];
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal((1L, "Amina"), await StoredAsync(id!));
    }

    [Fact]
    public async Task Upsert_of_a_document_of_another_facility_is_invalid_with_rule_facility_scope_and_unwritten()
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var patient = Patient("pat-" + Guid.NewGuid().ToString("N"));
        patient["facility_id"] = "fac-2";

        var body = await UpsertAsync("patients", patient);

        var result = body["results"]![0]!;
        ValidateModeTests.AssertError(result, "facility_id", "facility_scope");
        Assert.Null(result["action"]);
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task Upsert_of_an_invalid_immunization_record_writes_nothing()
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var dose = ValidationServer.ValidDose();
        dose["date_administered"] = "2024-01-20";

        var body = await UpsertAsync("immunization_records", dose);

        ValidateModeTests.AssertError(body["results"]![0]!, "date_administered", "schedule.minAge");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task Document_invalid_in_validate_is_rejected_by_push_with_the_same_rule()
    {
        var id = "pat-" + Guid.NewGuid().ToString("N");
        var patient = ValidationServer.ValidPatient();
        patient["sex"] = "x";
        var (status, verdict) = await TestServer.PostAsync(_nurse, "v1/validate",
            new { collection = "patients", documents = new[] { patient }, mode = "validate" });
        Assert.Equal(200, status);
        ValidateModeTests.AssertError(verdict!["results"]![0]!, "sex", "enum");

        var result = await ValidationServer.PushCreateAsync(_nurse, "patients", id, patient);

        Assert.Equal("rejected", (string?)result["status"]);
        Assert.False((bool)result["retryable"]!);
        Assert.Equal("validation_failed", (string?)result["error"]!["code"]);
        Assert.Contains(result["error"]!["errors"]!.AsArray(), e => (string?)e!["field"] == "sex" && (string?)e["rule"] == "enum");
        Assert.Null(await StoredOrNullAsync(id));
    }

    [Fact]
    public async Task Update_pushed_against_a_rule_is_rejected_and_the_document_keeps_its_version()
    {
        var id = "pat-" + Guid.NewGuid().ToString("N");
        var created = await ValidationServer.PushCreateAsync(_nurse, "patients", id, ValidationServer.ValidPatient());
        Assert.Equal("applied", (string?)created["status"]);

        var (status, body) = await TestServer.PostAsync(_nurse, "v1/sync/push", new
        {
            deviceId = "tab-1",
            queuedOperations = new[]
            {
                new { opId = Guid.NewGuid().ToString("N"), type = "update", collection = "patients", documentId = id,
                    data = new JsonObject { ["phone"] = "call me" }, baseVersion = 1 },
            },
        });

        Assert.Equal(200, status);
        var result = body!["results"]![0]!;
        Assert.Equal("rejected", (string?)result["status"]);
        Assert.Contains(result["error"]!["errors"]!.AsArray(), e => (string?)e!["field"] == "phone" && (string?)e["rule"] == "pattern");
        Assert.Equal((1L, "Amina"), await StoredAsync(id));
    }

    private static JsonObject Patient(string id)
    {
        var patient = ValidationServer.ValidPatient();
        patient["$id"] = id;
        return patient;
    }

    private async Task<JsonNode> UpsertAsync(string collection, params JsonObject[] documents)
    {
        var (status, body) = await TestServer.PostAsync(_nurse, "v1/validate", new { collection, documents, mode = "upsert" });
        Assert.True(status == 200, $"validate answered {status}: {body?.ToJsonString()}");
        return body!;
    }

    private async Task<(long Version, string? FirstName)> StoredAsync(string id) =>
        await StoredOrNullAsync(id) ?? throw new Xunit.Sdk.XunitException($"patients/{id} was not stored");

    private async Task<(long Version, string? FirstName)?> StoredOrNullAsync(string id)
    {
        var rows = await _server.QueryAsync(
            "SELECT version, body FROM documents WHERE collection = 'patients' AND id = @id AND NOT deleted", ("@id", id));
        return rows.Count == 0 ? null : ((long)rows[0]["version"]!, (string?)JsonNode.Parse((string)rows[0]["body"]!)!["first_name"]);
    }
}
