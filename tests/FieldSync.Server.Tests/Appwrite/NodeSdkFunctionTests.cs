using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The six original functions called through the real node-appwrite SDK (<c>functions.createExecution</c>) with their
/// original payloads; results are read from <c>responseBody</c> as a front end reads them, and answer what the native
/// endpoints answer.
/// </summary>
public sealed class NodeSdkFunctionTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    [Fact]
    public async Task Incremental_data_sync_answers_the_native_pull_of_the_callers_facilities()
    {
        var mine = await fixture.CreatePatientAsync(AppwriteServer.NurseA, "pull-a", "facility-a");
        await fixture.CreatePatientAsync(AppwriteServer.NurseB, "pull-b", "facility-b");

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA),
            functionId = "incremental-data-sync",
            payload = new
            {
                deviceId = "tab-pull", userId = AppwriteServer.NurseA, lastSyncTimestamp = (string?)null, collections = new[] { "patients" },
                pageLimit = 100, pageCursor = (string?)null, compress = false,
            },
        }));

        var (execution, pulled) = Completed(results[0]);
        Assert.Equal(("incremental-data-sync", "incremental-data-sync", "functions"),
            ((string?)execution["functionId"], (string?)execution["resourceId"], (string?)execution["resourceType"]));
        var ids = Ids(pulled["documents"]);
        Assert.Contains((string)mine["$id"]!, ids);
        Assert.DoesNotContain("pull-b", ids);
        var native = await fixture.NativePullAsync(AppwriteServer.NurseA, "tab-native");
        Assert.Equal(Ids(native["documents"]), ids);
        Assert.False(string.IsNullOrEmpty((string?)pulled["checkpoint"]));
    }

    [Fact]
    public async Task Offline_queue_processor_applies_an_operation_once_and_reports_its_replay_as_duplicate()
    {
        var payload = new
        {
            deviceId = "tab-push", userId = AppwriteServer.NurseA,
            queuedOperations = new[]
            {
                new { type = "create", collection = "patients", documentId = "push-1",
                    data = new { facility_id = "facility-a", first_name = "Kofi" }, timestamp = "2025-01-02T03:04:05Z" },
            },
        };
        var call = new { credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "offline-queue-processor", payload };

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(call, call));

        Assert.Equal("applied", (string?)Completed(results[0]).Response["results"]![0]!["status"]);
        Assert.Equal("duplicate", (string?)Completed(results[1]).Response["results"]![0]!["status"]);
        var rows = await fixture.Server.QueryAsync("SELECT version FROM documents WHERE collection = 'patients' AND id = 'push-1'");
        Assert.Equal(1L, Assert.Single(rows)["version"]);
    }

    [Fact]
    public async Task Conflict_resolution_settles_an_outdated_edit_by_the_collection_strategy_and_logs_it()
    {
        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "resolve-1", "facility-a", "Ama");

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA),
            functionId = "conflict-resolution",
            payload = new
            {
                collection = "patients", documentId = "resolve-1", clientData = new { facility_id = "facility-a", first_name = "Ami" },
                clientTimestamp = "2020-01-01T00:00:00.000Z", deviceId = "tab-resolve", userId = AppwriteServer.NurseA,
            },
        }));

        var resolved = Completed(results[0]).Response;
        Assert.Equal((true, "merge_with_server_priority"), ((bool)resolved["conflict"]!, (string?)resolved["strategy"]));
        Assert.Equal("Ama", (string?)resolved["document"]!["first_name"]);
        var logged = await fixture.Server.QueryAsync(
            "SELECT source, strategy FROM conflict_log WHERE id = @id", ("@id", (string)resolved["conflictId"]!));
        Assert.Equal("resolve", Assert.Single(logged)["source"]);
    }

    [Fact]
    public async Task Data_validation_reports_each_broken_rule_with_its_field()
    {
        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA),
            functionId = "data-validation",
            payload = new
            {
                collection = "patients", mode = "validate",
                documents = new object[]
                {
                    new { facility_id = "facility-a", first_name = "", date_of_birth = "yesterday" },
                    new { facility_id = "facility-a", first_name = "Esi" },
                },
            },
        }));

        var validated = Completed(results[0]).Response;
        Assert.False((bool)validated["valid"]!);
        var fields = validated["results"]![0]!["errors"]!.AsArray().Select(e => (string?)e!["field"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "first_name", "date_of_birth" }, fields);
        Assert.True((bool)validated["results"]![1]!["valid"]!);
    }

    [Fact]
    public async Task Sync_status_monitor_counts_the_pulls_of_the_named_device()
    {
        var pull = new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "incremental-data-sync",
            payload = new { deviceId = "tab-status", userId = AppwriteServer.NurseA },
        };
        var status = new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "sync-status-monitor",
            payload = new { sinceMinutes = 60, deviceId = "tab-status" },
        };

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(pull, status));

        var report = Completed(results[1]).Response;
        Assert.Contains((string?)report["health"], new[] { "healthy", "warning", "degraded" });
        Assert.Equal(1, (int)report["syncOperations"]!["total"]!);
    }

    /// <summary>The execution of a result, which must have completed with 200, and its parsed response body.</summary>
    internal static (JsonObject Execution, JsonObject Response) Completed(JsonNode? result)
    {
        Assert.True((bool)result!["ok"]!, result.ToJsonString());
        var execution = result["execution"]!.AsObject();
        Assert.Equal(("completed", 200), ((string?)execution["status"], (int)execution["responseStatusCode"]!));
        return (execution, result["responseJson"]!.AsObject());
    }

    private static List<string> Ids(JsonNode? documents) =>
        [.. documents!.AsArray().Select(d => (string)d!["$id"]!).Order(StringComparer.Ordinal)];
}
