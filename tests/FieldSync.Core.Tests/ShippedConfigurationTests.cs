using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace FieldSync.Core.Tests;

/// <summary>
/// The default configuration, <c>config/sync-configuration.json</c>, is a product of its own: these tests hold it to the
/// immunization domain it promises (not a production class, so it has its own test class).
/// </summary>
public sealed class ShippedConfigurationTests
{
    private static readonly DateTimeOffset _now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly SyncConfiguration _configuration = SyncConfigurationLoader.Load(RepositoryRoot.ShippedConfiguration);

    private readonly InMemoryDocumentLookup _lookup = new InMemoryDocumentLookup().Add(new SyncDocument
    {
        Collection = "patients",
        Id = "pat-1",
        FacilityId = "fac-1",
        Version = 1,
        CreatedAt = _now,
        UpdatedAt = _now,
        Body = Patient(),
        FieldEdits = new Dictionary<string, FieldEdit>(),
    });

    [Fact]
    public void Every_collection_is_synced_and_scoped_by_facility_id()
    {
        Assert.Equal(["facilities", "immunization_records", "notifications", "patients"], _configuration.Collections.Keys.Order());
        Assert.All(_configuration.Collections.Values, c => Assert.Equal("facility_id", c.FacilityField));
        Assert.Equal(_configuration.Collections.Keys.Order(), _configuration.SyncedCollections.Order());
    }

    [Fact]
    public void Clinical_collections_never_let_a_stale_edit_overwrite_what_the_server_holds()
    {
        Assert.Equal(ConflictStrategy.MergeWithServerPriority, _configuration.Collections["patients"].ConflictStrategy);
        Assert.Equal(ConflictStrategy.ServerWins, _configuration.Collections["immunization_records"].ConflictStrategy);
    }

    [Fact]
    public void The_vaccine_codes_allowed_are_exactly_the_vaccines_of_the_schedule()
    {
        var records = _configuration.Collections["immunization_records"];

        Assert.Equal(records.Schedule!.Vaccines.Keys.Order(), records.Fields["vaccine_code"].Enum!.Order());
        Assert.Equal(12, records.Schedule.Vaccines.Count);
    }

    [Fact]
    public void The_log_tables_and_function_ids_are_those_of_the_original_functions()
    {
        Assert.Equal(
            ["active_sync_sessions", "conflict_log", "deletion_log", "queue_processing_log", "realtime_notifications",
                "sync_notifications", "sync_operations"],
            _configuration.LogCollections.Values.Order());
        Assert.Equal(new Dictionary<string, string>
        {
            ["pull"] = "incremental-data-sync",
            ["resolve"] = "conflict-resolution",
            ["push"] = "offline-queue-processor",
            ["realtime"] = "real-time-sync-trigger",
            ["validate"] = "data-validation",
            ["status"] = "sync-status-monitor",
        }, _configuration.FunctionIds);
    }

    [Fact]
    public async Task A_complete_patient_is_valid()
    {
        Assert.Empty(await ValidateAsync("patients", Patient()));
    }

    [Fact]
    public async Task A_patient_without_names_and_with_a_future_birth_date_is_refused_on_each_field()
    {
        var patient = Patient();
        patient.Remove("first_name");
        patient["last_name"] = "";
        patient["date_of_birth"] = "2030-01-01";
        patient["sex"] = "F";
        patient["phone"] = "phone me";

        var errors = await ValidateAsync("patients", patient);

        Assert.Equal(
            [
                ("date_of_birth", "notInFuture"), ("first_name", "required"), ("last_name", "minLength"), ("phone", "pattern"),
                ("sex", "enum"),
            ],
            errors.Select(e => (e.Field, e.Rule)).Order());
    }

    [Theory]
    [InlineData("BCG", 1, "2024-01-01")]
    [InlineData("OPV", 0, "2024-01-01")]
    [InlineData("OPV", 3, "2024-04-08")]
    [InlineData("PENTA", 3, "2024-04-08")]
    [InlineData("MR", 2, "2025-04-01")]
    public async Task A_dose_given_by_the_schedule_is_valid(string vaccine, int dose, string given)
    {
        Assert.Empty(await ValidateAsync("immunization_records", Record(vaccine, dose, given)));
    }

    [Theory]
    [InlineData("PENTA", 0, "2024-04-08", "dose_number", "schedule.doses")]
    [InlineData("OPV", 4, "2024-04-08", "dose_number", "schedule.doses")]
    [InlineData("MR", 1, "2024-06-01", "date_administered", "schedule.minAge")]
    [InlineData("COVID", 1, "2024-06-01", "vaccine_code", "enum")]
    [InlineData("BCG", 6, "2024-01-01", "dose_number", "max")]
    [InlineData("BCG", 1, "2026-01-01", "date_administered", "notInFuture")]
    public async Task A_dose_the_schedule_does_not_allow_is_refused(string vaccine, int dose, string given, string field, string rule)
    {
        var error = Assert.Single(await ValidateAsync("immunization_records", Record(vaccine, dose, given)));

        Assert.Equal((field, rule), (error.Field, error.Rule));
    }

    private Task<IReadOnlyList<FieldError>> ValidateAsync(string collection, JsonObject body) =>
        new DocumentValidator(_configuration, new FakeTimeProvider(_now)).ValidateAsync(collection, body, _lookup, CancellationToken.None);

    private static JsonObject Patient() => new()
    {
        ["facility_id"] = "fac-1",
        ["first_name"] = "Amina",
        ["last_name"] = "Okafor",
        ["date_of_birth"] = "2024-01-01",
        ["sex"] = "female",
        ["phone"] = "+234 803 123 4567",
        ["guardian_name"] = "Fatima Okafor",
    };

    private static JsonObject Record(string vaccine, int dose, string given) => new()
    {
        ["facility_id"] = "fac-1",
        ["patient_id"] = "pat-1",
        ["vaccine_code"] = vaccine,
        ["dose_number"] = dose,
        ["date_administered"] = given,
        ["batch_number"] = "LOT-2291",
        ["administered_by"] = "nurse-amina",
        ["site"] = "left_thigh",
    };
}
