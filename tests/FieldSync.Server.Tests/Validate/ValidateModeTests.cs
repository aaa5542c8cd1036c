using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.Validate;

public sealed class ValidateModeTests(ValidationServer fixture) : IClassFixture<ValidationServer>
{
    private const string Remove = "<remove>";
    private readonly TestServer _server = fixture.Server;
    private readonly HttpClient _nurse = fixture.Server.Client(ValidationServer.Nurse);

    [Theory]
    [InlineData("first_name", Remove, "required")]
    [InlineData("first_name", "null", "required")]
    [InlineData("facility_id", Remove, "required")]
    [InlineData("first_name", "5", "type")]
    [InlineData("visits", "1.5", "type")]
    [InlineData("date_of_birth", "\"2024-13-01\"", "type")]
    [InlineData("sex", "\"x\"", "enum")]
    [InlineData("weight_kg", "0.1", "min")]
    [InlineData("weight_kg", "250", "max")]
    [InlineData("first_name", "\"\"", "minLength")]
    [InlineData("first_name", "\"Abcdefghijklmnopqrstu\"", "maxLength")]
    [InlineData("phone", "\"call me\"", "pattern")]
    [InlineData("date_of_birth", "<in two days>", "notInFuture")]
    public async Task Each_broken_patient_rule_is_reported_with_its_field_and_rule_and_nothing_changes(
        string field, string value, string rule)
    {
        var patient = With(ValidationServer.ValidPatient(), field, value);
        patient["$id"] = "pat-checked";

        await AssertInvalidAsync("patients", patient, field, rule);
    }

    [Theory]
    [InlineData("patient_id", "\"pat-missing\"", "references")]
    [InlineData("patient_id", "\"pat-z\"", "references")]
    [InlineData("dose_number", "4", "schedule.doses")]
    [InlineData("dose_number", "0", "schedule.doses")]
    [InlineData("date_administered", "\"2024-01-20\"", "schedule.minAge")]
    [InlineData("vaccine_code", "\"XYZ\"", "schedule.vaccine")]
    [InlineData("date_administered", "<in two days>", "notInFuture")]
    public async Task Each_broken_immunization_rule_is_reported_with_its_field_and_rule_and_nothing_changes(
        string field, string value, string rule)
    {
        await AssertInvalidAsync("immunization_records", With(ValidationServer.ValidDose(), field, value), field, rule);
    }

    [Fact]
    public async Task Valid_documents_are_reported_valid_and_not_written()
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var opv = ValidationServer.ValidDose();
        opv["vaccine_code"] = "OPV";
        opv["dose_number"] = 0;
        opv["date_administered"] = "2024-01-02";

        var body = await ValidateAsync("immunization_records", ValidationServer.ValidDose(), opv);

        Assert.True((bool)body["valid"]!);
        Assert.All(body["results"]!.AsArray(), r =>
        {
            Assert.True((bool)r!["valid"]!);
            Assert.Empty(r["errors"]!.AsArray());
            Assert.Null(r["action"]);
        });
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task Results_follow_the_documents_one_by_one()
    {
        var bad = ValidationServer.ValidPatient();
        bad["sex"] = "x";
        bad["$id"] = "pat-bad";
        var good = ValidationServer.ValidPatient();
        good["$id"] = "pat-good";

        var body = await ValidateAsync("patients", good, bad);

        Assert.False((bool)body["valid"]!);
        var results = body["results"]!.AsArray();
        Assert.Equal([0, 1], results.Select(r => (int)r!["index"]!));
        Assert.Equal(["pat-good", "pat-bad"], results.Select(r => (string?)r!["id"]));
        Assert.True((bool)results[0]!["valid"]!);
        Assert.False((bool)results[1]!["valid"]!);
    }

    [Fact]
    public async Task Document_of_another_facility_is_invalid_with_rule_facility_scope()
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var patient = ValidationServer.ValidPatient();
        patient["facility_id"] = "fac-2";

        var body = await ValidateAsync("patients", patient);

        AssertError(body["results"]![0]!, "facility_id", "facility_scope");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    private async Task AssertInvalidAsync(string collection, JsonObject document, string field, string rule)
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);

        var body = await ValidateAsync(collection, document);

        Assert.False((bool)body["valid"]!);
        var result = body["results"]![0]!;
        Assert.Null(result["action"]);
        AssertError(result, field, rule);
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    private async Task<JsonNode> ValidateAsync(string collection, params JsonObject[] documents)
    {
        var (status, body) = await TestServer.PostAsync(_nurse, "v1/validate", new { collection, documents, mode = "validate" });
        Assert.True(status == 200, $"validate answered {status}: {body?.ToJsonString()}");
        return body!;
    }

    internal static void AssertError(JsonNode result, string field, string rule)
    {
        Assert.False((bool)result["valid"]!);
        var errors = result["errors"]!.AsArray();
        Assert.True(errors.Any(e => (string?)e!["field"] == field && (string?)e["rule"] == rule),
            $"expected {field}/{rule} among {errors.ToJsonString()}");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace((string?)e!["message"])));
    }

    private static JsonObject With(JsonObject document, string field, string value)
    {
        if (value == Remove)
        {
            document.Remove(field);
        }
        else if (value == "<in two days>")
        {
            document[field] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else
        {
            document[field] = JsonNode.Parse(value);
        }

        return document;
    }
}
