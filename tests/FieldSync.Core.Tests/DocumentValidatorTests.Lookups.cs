using System.Text.Json.Nodes;

namespace FieldSync.Core.Tests;

// The rules that read other documents: references and the vaccine schedule.
public sealed partial class DocumentValidatorTests
{
    // --- references ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("pat-missing")]
    [InlineData("pat-deleted")]
    [InlineData("pat-elsewhere")]
    public async Task A_reference_to_a_missing_deleted_or_other_facility_document_is_refused(string patientId)
    {
        var errors = await ValidateRecordAsync(Record(patientId, "BCG", 1, "2024-01-01"), withSchedule: false);

        var error = Assert.Single(errors);
        Assert.Equal(("patient_id", "references"), (error.Field, error.Rule));
    }

    [Fact]
    public async Task A_reference_to_a_live_document_of_the_same_facility_is_accepted()
    {
        Assert.Empty(await ValidateRecordAsync(Record("pat-1", "BCG", 1, "2024-01-01"), withSchedule: false));
    }

    [Fact]
    public async Task A_refused_reference_does_not_reveal_whether_the_document_exists_in_another_facility()
    {
        var missing = await ValidateRecordAsync(Record("pat-missing", "BCG", 1, "2024-01-01"), withSchedule: false);
        var elsewhere = await ValidateRecordAsync(Record("pat-elsewhere", "BCG", 1, "2024-01-01"), withSchedule: false);

        Assert.Equal(Assert.Single(missing), Assert.Single(elsewhere));
    }

    // --- schedule ------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_vaccine_that_is_not_in_the_schedule_is_refused()
    {
        var error = Assert.Single(await ValidateRecordAsync(Record("pat-1", "XYZ", 1, "2024-06-01")));

        Assert.Equal(("vaccine_code", "schedule.vaccine"), (error.Field, error.Rule));
    }

    [Theory]
    [InlineData("OPV", 0, true)]
    [InlineData("OPV", 3, true)]
    [InlineData("OPV", 4, false)]
    [InlineData("OPV", -1, false)]
    [InlineData("PENTA", 0, false)]
    [InlineData("PENTA", 1, true)]
    [InlineData("PENTA", 3, true)]
    [InlineData("PENTA", 4, false)]
    public async Task A_dose_number_must_lie_within_the_vaccines_doses(string vaccine, int dose, bool accepted)
    {
        var errors = await ValidateRecordAsync(Record("pat-1", vaccine, dose, "2024-06-01"));

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal(("dose_number", "schedule.doses"), (e.Field, e.Rule)));
    }

    [Fact]
    public async Task A_dose_number_built_in_code_is_checked_against_the_schedule()
    {
        var record = Record("pat-1", "PENTA", 1, "2024-06-01");
        record["dose_number"] = JsonValue.Create(4);

        var error = Assert.Single(await ValidateRecordAsync(record));

        Assert.Equal("schedule.doses", error.Rule);
    }

    [Theory]
    [InlineData("PENTA", "2024-02-11", false)] // 5 weeks 6 days
    [InlineData("PENTA", "2024-02-12", true)] // 6 weeks
    [InlineData("MR", "2024-09-30", true)] // 39 weeks
    [InlineData("MR", "2024-09-29", false)]
    [InlineData("OPV", "2024-01-01", true)] // at birth
    public async Task A_dose_may_not_be_given_before_the_vaccines_earliest_age(string vaccine, string given, bool accepted)
    {
        var errors = await ValidateRecordAsync(Record("pat-1", vaccine, 1, given));

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal(("date_administered", "schedule.minAge"), (e.Field, e.Rule)));
    }

    [Fact]
    public async Task A_dose_given_before_the_patient_was_born_is_refused()
    {
        var error = Assert.Single(await ValidateRecordAsync(Record("pat-1", "OPV", 0, "2023-12-31")));

        Assert.Equal(("date_administered", "schedule.beforeBirth"), (error.Field, error.Rule));
    }
}
