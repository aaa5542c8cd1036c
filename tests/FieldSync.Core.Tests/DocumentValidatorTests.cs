using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Validation;
using Microsoft.Extensions.Time.Testing;

namespace FieldSync.Core.Tests;

public sealed partial class DocumentValidatorTests
{
    // Noon UTC on 15 June 2025: already 16 June in the easternmost time zone (UTC+14).
    private static readonly DateTimeOffset _now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly InMemoryDocumentLookup _lookup = new InMemoryDocumentLookup()
        .Add(Patient("pat-1", "fac-1", born: "2024-01-01"))
        .Add(Patient("pat-deleted", "fac-1", born: "2024-01-01") with { Deleted = true })
        .Add(Patient("pat-elsewhere", "fac-2", born: "2024-01-01"));

    // --- one field, one rule -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_required_field_that_is_missing_is_refused()
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = FieldType.String, Required = true }, value: null, present: false);

        var error = Assert.Single(errors);
        Assert.Equal(("value", "required"), (error.Field, error.Rule));
    }

    [Fact]
    public async Task A_required_field_set_to_null_is_refused()
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = FieldType.String, Required = true }, value: null);

        Assert.Equal("required", Assert.Single(errors).Rule);
    }

    [Fact]
    public async Task An_optional_field_may_be_missing_or_null()
    {
        var rule = new FieldRule { Type = FieldType.String, MinLength = 3 };

        Assert.Empty(await ValidateFieldAsync(rule, value: null, present: false));
        Assert.Empty(await ValidateFieldAsync(rule, value: null));
    }

    [Theory]
    [InlineData(FieldType.String, "\"Amina\"", "12")]
    [InlineData(FieldType.Integer, "3", "3.5")]
    [InlineData(FieldType.Integer, "0", "\"3\"")]
    [InlineData(FieldType.Number, "3.5", "\"3.5\"")]
    [InlineData(FieldType.Boolean, "true", "\"true\"")]
    [InlineData(FieldType.Boolean, "false", "0")]
    [InlineData(FieldType.Date, "\"2024-02-29\"", "\"2023-02-29\"")]
    [InlineData(FieldType.Date, "\"2024-03-01\"", "\"01/03/2024\"")]
    [InlineData(FieldType.Date, "\"2024-03-01\"", "\"2024-03-01T10:00:00Z\"")]
    [InlineData(FieldType.Datetime, "\"2024-03-01T10:00:00Z\"", "\"2024-03-01\"")]
    [InlineData(FieldType.Datetime, "\"2024-03-01T10:00:00.123+01:00\"", "\"yesterday\"")]
    [InlineData(FieldType.Datetime, "\"2024-03-01T10:00:00-05:00\"", "\"2024-03-01T10:00:00\"")]
    [InlineData(FieldType.Object, "{\"a\":1}", "[1]")]
    [InlineData(FieldType.Array, "[]", "{}")]
    public async Task A_value_of_the_wrong_type_is_refused_and_one_of_the_right_type_accepted(FieldType type, string good, string bad)
    {
        var rule = new FieldRule { Type = type };

        Assert.Empty(await ValidateFieldAsync(rule, JsonNode.Parse(good)));
        var error = Assert.Single(await ValidateFieldAsync(rule, JsonNode.Parse(bad)));
        Assert.Equal(("value", "type"), (error.Field, error.Rule));
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("-7.25")]
    [InlineData("false")]
    [InlineData("{\"nested\":[1]}")]
    public async Task A_field_of_type_any_accepts_every_json_value(string json)
    {
        Assert.Empty(await ValidateFieldAsync(new FieldRule { Type = FieldType.Any }, JsonNode.Parse(json)));
    }

    [Fact]
    public async Task Numbers_built_in_code_are_checked_like_numbers_read_from_json()
    {
        // Demo data and other in-process writers build documents from CLR values rather than parsed JSON.
        var rule = new FieldRule { Type = FieldType.Integer, Min = 0, Max = 5 };

        Assert.Empty(await ValidateFieldAsync(rule, JsonValue.Create(3)));
        Assert.Empty(await ValidateFieldAsync(rule, JsonValue.Create(3L)));
        Assert.Equal("max", Assert.Single(await ValidateFieldAsync(rule, JsonValue.Create(6))).Rule);
        Assert.Equal("type", Assert.Single(await ValidateFieldAsync(rule, JsonValue.Create(2.5))).Rule);
        Assert.Equal("min", Assert.Single(await ValidateFieldAsync(new FieldRule { Type = FieldType.Number, Min = 1 },
            JsonValue.Create(0.5m))).Rule);
    }

    [Theory]
    [InlineData("\"female\"", true)]
    [InlineData("\"unknown\"", true)]
    [InlineData("\"Female\"", false)]
    [InlineData("\"f\"", false)]
    [InlineData("1", false)]
    public async Task An_enum_accepts_only_its_listed_strings_exactly(string json, bool accepted)
    {
        var rule = new FieldRule { Enum = ["female", "male", "other", "unknown"] };

        var errors = await ValidateFieldAsync(rule, JsonNode.Parse(json));

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("enum", e.Rule));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(5, null)]
    [InlineData(-1, "min")]
    [InlineData(6, "max")]
    public async Task Min_and_max_bound_a_number_inclusively(int dose, string? rule)
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = FieldType.Integer, Min = 0, Max = 5 }, JsonNode.Parse($"{dose}"));

        Assert.Equal(rule, errors.SingleOrDefault()?.Rule);
    }

    [Theory]
    [InlineData("Al", null)]
    [InlineData("Alexandra", null)]
    [InlineData("A", "minLength")]
    [InlineData("Alexandrina", "maxLength")]
    public async Task MinLength_and_maxLength_bound_a_string_inclusively(string text, string? rule)
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = FieldType.String, MinLength = 2, MaxLength = 9 }, text);

        Assert.Equal(rule, errors.SingleOrDefault()?.Rule);
    }

    [Theory]
    [InlineData("+2348012345678", true)]
    [InlineData("0803 123 4567", true)]
    [InlineData("call +2348012345678", false)]
    [InlineData("+2348012345678 ext 12", false)]
    [InlineData("+2348012345678\n", false)]
    [InlineData("", false)]
    public async Task A_pattern_must_match_the_whole_string(string phone, bool accepted)
    {
        var rule = new FieldRule { Type = FieldType.String, Pattern = @"\+?[0-9](?:[ -]?[0-9]){5,14}" };

        var errors = await ValidateFieldAsync(rule, phone);

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("pattern", e.Rule));
    }

    [Theory]
    [InlineData("BCG", true)]
    [InlineData("OPV", true)]
    [InlineData("BCGOPV", false)]
    [InlineData("BCG|OPV", false)]
    public async Task A_pattern_with_alternatives_matches_one_whole_alternative(string code, bool accepted)
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = FieldType.String, Pattern = "BCG|OPV" }, code);

        Assert.Equal(accepted, errors.Count == 0);
    }

    [Theory]
    [InlineData("FAC-0012", true)]
    [InlineData("FAC-0000", false)]
    [InlineData("FAC-12", false)]
    public async Task A_pattern_with_a_lookahead_still_validates(string code, bool accepted)
    {
        // The non-backtracking engine does not take lookarounds: such a pattern keeps the backtracking one.
        var rule = new FieldRule { Type = FieldType.String, Pattern = @"FAC-(?!0000)[0-9]{4}" };

        var errors = await ValidateFieldAsync(rule, code);

        Assert.Equal(accepted, errors.Count == 0);
    }

    [Theory]
    [InlineData(FieldType.Date, "2020-01-01", true)]
    [InlineData(FieldType.Date, "2025-06-15", true)]
    [InlineData(FieldType.Date, "2025-06-16", true)] // today at a clinic 14 hours ahead of UTC
    [InlineData(FieldType.Date, "2025-06-17", false)]
    [InlineData(FieldType.Date, "2026-01-01", false)]
    [InlineData(FieldType.Datetime, "2025-06-15T11:59:59Z", true)]
    [InlineData(FieldType.Datetime, "2025-06-15T12:03:00Z", true)] // within the allowance for a slightly fast clock
    [InlineData(FieldType.Datetime, "2025-06-15T13:00:00Z", false)]
    [InlineData(FieldType.Datetime, "2025-06-15T20:00:00+09:00", true)] // 11:00 UTC
    [InlineData(FieldType.Datetime, "2025-06-15T14:00:00-01:00", false)] // 15:00 UTC
    public async Task NotInFuture_refuses_dates_and_times_after_now(FieldType type, string value, bool accepted)
    {
        var errors = await ValidateFieldAsync(new FieldRule { Type = type, NotInFuture = true }, value);

        Assert.Equal(accepted, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("notInFuture", e.Rule));
    }

    [Fact]
    public async Task A_date_that_is_tomorrow_everywhere_on_earth_is_refused()
    {
        // At 05:00 UTC it is 19:00 at UTC+14, the furthest zone ahead: no clinic has reached the 16th yet.
        var validator = new DocumentValidator(OneField(new FieldRule { Type = FieldType.Date, NotInFuture = true }),
            new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 5, 0, 0, TimeSpan.Zero)));

        var today = await validator.ValidateAsync("items", new JsonObject { ["facility_id"] = "fac-1", ["value"] = "2025-06-15" }, _lookup,
            CancellationToken.None);
        var tomorrow = await validator.ValidateAsync("items", new JsonObject { ["facility_id"] = "fac-1", ["value"] = "2025-06-16" },
            _lookup, CancellationToken.None);

        Assert.Empty(today);
        Assert.Equal("notInFuture", Assert.Single(tomorrow).Rule);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_reports_only_the_type_error()
    {
        var rule = new FieldRule { Type = FieldType.String, MinLength = 5, Pattern = "[a-z]+", Enum = ["abcdef"] };

        var error = Assert.Single(await ValidateFieldAsync(rule, JsonValue.Create(12)));

        Assert.Equal("type", error.Rule);
    }

    // --- facility ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("42")]
    public async Task A_document_without_a_facility_is_refused(string? facilityJson)
    {
        var body = new JsonObject { ["value"] = "x" };
        if (facilityJson is not null)
        {
            body["facility_id"] = JsonNode.Parse(facilityJson);
        }

        var errors = await Validator(OneField(new FieldRule())).ValidateAsync("items", body, _lookup, CancellationToken.None);

        var error = Assert.Single(errors);
        Assert.Equal(("facility_id", "required"), (error.Field, error.Rule));
    }

    [Fact]
    public async Task The_facility_is_read_from_the_collections_own_facility_field()
    {
        var configuration = new SyncConfiguration
        {
            Collections = new Dictionary<string, CollectionConfiguration> { ["items"] = new() { FacilityField = "clinic" } },
        };
        var validator = Validator(configuration);

        Assert.Empty(await validator.ValidateAsync("items", new JsonObject { ["clinic"] = "fac-1" }, _lookup, CancellationToken.None));
        var error = Assert.Single(await validator.ValidateAsync("items", new JsonObject { ["facility_id"] = "fac-1" }, _lookup,
            CancellationToken.None));
        Assert.Equal("clinic", error.Field);
    }

    // --- helpers -------------------------------------------------------------------------------------------------------

    private static DocumentValidator Validator(SyncConfiguration configuration) => new(configuration, new FakeTimeProvider(_now));

    private static SyncConfiguration OneField(FieldRule rule) => new()
    {
        Collections = new Dictionary<string, CollectionConfiguration>
        {
            ["items"] = new() { Fields = new Dictionary<string, FieldRule> { ["value"] = rule } },
        },
    };

    private Task<IReadOnlyList<FieldError>> ValidateFieldAsync(FieldRule rule, JsonNode? value, bool present = true)
    {
        var body = new JsonObject { ["facility_id"] = "fac-1" };
        if (present)
        {
            body["value"] = value;
        }

        return Validator(OneField(rule)).ValidateAsync("items", body, _lookup, CancellationToken.None);
    }

    private Task<IReadOnlyList<FieldError>> ValidateRecordAsync(JsonObject record, bool withSchedule = true)
    {
        var configuration = new SyncConfiguration
        {
            Collections = new Dictionary<string, CollectionConfiguration>
            {
                ["patients"] = new(),
                ["immunization_records"] = new()
                {
                    Fields = new Dictionary<string, FieldRule>
                    {
                        ["patient_id"] = new() { Type = FieldType.String, Required = true, References = "patients" },
                        ["vaccine_code"] = new() { Type = FieldType.String, Required = true },
                        ["dose_number"] = new() { Type = FieldType.Integer },
                        ["date_administered"] = new() { Type = FieldType.Date, Required = true },
                    },
                    Schedule = withSchedule ? Schedule() : null,
                },
            },
        };
        return Validator(configuration).ValidateAsync("immunization_records", record, _lookup, CancellationToken.None);
    }

    private static ScheduleRule Schedule() => new()
    {
        Vaccines = new Dictionary<string, VaccineSchedule>
        {
            ["OPV"] = new() { Doses = 4, FirstDoseNumber = 0, FirstDoseMinAgeWeeks = 0 },
            ["PENTA"] = new() { Doses = 3, FirstDoseNumber = 1, FirstDoseMinAgeWeeks = 6 },
            ["MR"] = new() { Doses = 2, FirstDoseNumber = 1, FirstDoseMinAgeWeeks = 39 },
        },
    };

    private static JsonObject Record(string patientId, string vaccine, int dose, string given) => JsonNode.Parse($$"""
        {"facility_id":"fac-1","patient_id":"{{patientId}}","vaccine_code":"{{vaccine}}","dose_number":{{dose}},
         "date_administered":"{{given}}"}
        """)!.AsObject();

    private static SyncDocument Patient(string id, string facility, string born) => new()
    {
        Collection = "patients",
        Id = id,
        FacilityId = facility,
        Version = 1,
        CreatedAt = _now.AddDays(-30),
        UpdatedAt = _now.AddDays(-30),
        Body = new JsonObject
        {
            ["facility_id"] = facility, ["first_name"] = "Amina", ["last_name"] = "Okafor", ["date_of_birth"] = born, ["sex"] = "female",
        },
        FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
