using FieldSync.Core.Configuration;

namespace FieldSync.Core.Tests;

public sealed class SyncConfigurationLoaderTests
{
    private const string ConfigFile = "clinic-config.json";

    [Fact]
    public void The_shipped_configuration_loads()
    {
        var configuration = SyncConfigurationLoader.Load(RepositoryRoot.ShippedConfiguration);

        Assert.Contains("patients", configuration.Collections.Keys);
        Assert.Contains("immunization_records", configuration.Collections.Keys);
        Assert.Contains("notifications", configuration.Collections.Keys);
    }

    [Fact]
    public void A_minimal_configuration_takes_the_documented_defaults()
    {
        var configuration = SyncConfigurationLoader.Parse("""{ "collections": { "patients": {} } }""", ConfigFile);

        var patients = configuration.Collections["patients"];
        Assert.Equal("facility_id", patients.FacilityField);
        Assert.True(patients.Synced);
        Assert.Equal(ConflictStrategy.MergeWithServerPriority, patients.ConflictStrategy);
        Assert.Equal((500, 1000), (configuration.Pull.DefaultPageLimit, configuration.Pull.MaxPageLimit));
    }

    [Fact]
    public void Enum_values_are_read_in_snake_case_and_comments_and_trailing_commas_are_allowed()
    {
        var configuration = SyncConfigurationLoader.Parse("""
            {
              // operators annotate their files
              "collections": {
                "patients": {
                  "conflictStrategy": "field_level_merge",
                  "fields": { "seen_at": { "type": "datetime" }, "visits": { "type": "array" }, },
                },
              },
            }
            """, ConfigFile);

        var patients = configuration.Collections["patients"];
        Assert.Equal(ConflictStrategy.FieldLevelMerge, patients.ConflictStrategy);
        Assert.Equal(FieldType.Datetime, patients.Fields["seen_at"].Type);
        Assert.Equal(FieldType.Array, patients.Fields["visits"].Type);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_name()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<ConfigurationException>(() => SyncConfigurationLoader.Load(missing));

        Assert.Equal(missing, e.File);
        Assert.StartsWith(missing, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadConfigurations => new()
    {
        {
            """{ "collections": { "patients": { "synced": true, } """,
            "$.collections.patients",
            ""
        },
        {
            """{ "collections": { "patients": { "conflictStrategy": "server_wins", "colour": "red" } } }""",
            "$.collections.patients.colour",
            "colour"
        },
        {
            """{ "collections": { "patients": { "fields": { "phone": { "type": "string", "patern": "[0-9]+" } } } } }""",
            "$.collections.patients.fields.phone.patern",
            "patern"
        },
        {
            """{ "collections": { "patients": { "conflictStrategy": "last_write_wins" } } }""",
            "$.collections.patients.conflictStrategy",
            "ConflictStrategy"
        },
        {
            """{ "collections": { "patients": { "conflictStrategy": 1 } } }""",
            "$.collections.patients.conflictStrategy",
            "ConflictStrategy"
        },
        {
            """{ "collections": { "patients": { "fields": { "phone": { "type": "text" } } } } }""",
            "$.collections.patients.fields.phone.type",
            "FieldType"
        },
        {
            """{ "collections": { "patients": { "fields": { "phone": { "pattern": "([0-9]+" } } } } }""",
            "$.collections.patients.fields.phone.pattern",
            "'([0-9]+' is not a valid regular expression"
        },
        {
            """{ "collections": { "records": { "fields": { "patient_id": { "references": "patient" } } } } }""",
            "$.collections.records.fields.patient_id.references",
            "'patient', which is not configured"
        },
        {
            """{ "collections": { "records": { "fields": { "dose_number": { "min": 5, "max": 0 } } } } }""",
            "$.collections.records.fields.dose_number.min",
            "min is greater than max"
        },
        {
            """{ "collections": { "records": { "fields": { "code": { "minLength": 9, "maxLength": 3 } } } } }""",
            "$.collections.records.fields.code.minLength",
            "at most maxLength"
        },
        {
            """{ "collections": { "records": { "schedule": { "patientCollection": "children" } } } }""",
            "$.collections.records.schedule.patientCollection",
            "'children', which is not configured"
        },
        {
            """{ "collections": { "Patients": {} } }""",
            "$.collections.Patients",
            "lower-case"
        },
        {
            """{ "collections": { "patients": { "facilityField": "" } } }""",
            "$.collections.patients.facilityField",
            "must name a data field"
        },
        {
            """{ "collections": {} }""",
            "$.collections",
            "at least one collection"
        },
        {
            """{ "collections": { "patients": {} }, "pull": { "defaultPageLimit": 2000, "maxPageLimit": 1000 } }""",
            "$.pull",
            "at most maxPageLimit"
        },
        {
            "null",
            "$",
            "must be a JSON object"
        },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public void A_bad_configuration_is_refused_naming_the_file_the_json_path_and_the_problem(string json, string path, string problem)
    {
        var e = Assert.Throws<ConfigurationException>(() => SyncConfigurationLoader.Parse(json, ConfigFile));

        Assert.Equal(ConfigFile, e.File);
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Problem));
        Assert.Equal($"{ConfigFile}: {path}: {e.Problem}", e.Message);
    }
}
