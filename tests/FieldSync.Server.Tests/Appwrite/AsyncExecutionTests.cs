namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// Asynchronous executions through node-appwrite: accepted as waiting, run in the background, read back when done with
/// their response; executions are recorded and each user reads only their own.
/// </summary>
public sealed class AsyncExecutionTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    [Fact]
    public async Task Async_execution_is_accepted_waiting_and_read_back_completed_with_its_response()
    {
        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "async-1", "facility-a");
        var nurse = fixture.Jwt(AppwriteServer.NurseA);

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(
            new { credential = nurse, functionId = "incremental-data-sync", payload = new { deviceId = "tab-async" }, async = true },
            new { credential = nurse, op = "get", functionId = "incremental-data-sync", executionId = "$0", waitDone = true },
            new { credential = nurse, op = "list", functionId = "incremental-data-sync" }));

        var accepted = results[0]!["execution"]!;
        Assert.Equal(("waiting", 0, ""), ((string?)accepted["status"], (int)accepted["responseStatusCode"]!, (string?)accepted["responseBody"]));
        var (done, pulled) = NodeSdkFunctionTests.Completed(results[1]);
        Assert.Equal((string?)accepted["$id"], (string?)done["$id"]);
        Assert.Contains(pulled["documents"]!.AsArray(), d => (string?)d!["$id"] == "async-1");
        Assert.Contains(results[2]!["list"]!["executions"]!.AsArray(), e => (string?)e!["$id"] == (string?)accepted["$id"]);
    }

    [Fact]
    public async Task Execution_is_hidden_from_another_user_and_shown_to_the_server_key()
    {
        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(
            new { credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "sync-status-monitor", payload = new { sinceMinutes = 5 } },
            new { credential = fixture.Jwt(AppwriteServer.NurseB), op = "get", functionId = "sync-status-monitor", executionId = "$0" },
            new { credential = AppwriteServer.Key, op = "get", functionId = "sync-status-monitor", executionId = "$0" },
            new { credential = fixture.Jwt(AppwriteServer.NurseA), op = "get", functionId = "data-validation", executionId = "$0" }));

        var error = results[1]!["error"]!;
        Assert.Equal((404, "execution_not_found"), ((int)error["code"]!, (string?)error["type"]));
        Assert.Equal("completed", (string?)results[2]!["execution"]!["status"]);
        Assert.Equal("execution_not_found", (string?)results[3]!["error"]!["type"]);
    }

    [Fact]
    public async Task Synchronous_execution_is_recorded_with_its_caller_and_status_but_not_its_response_body()
    {
        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "sync-status-monitor", payload = new { sinceMinutes = 5 },
            style = "positional",
        }));

        var id = (string)NodeSdkFunctionTests.Completed(results[0]).Execution["$id"]!;
        var row = Assert.Single(await fixture.Server.QueryAsync(
            "SELECT function_id, user_id, status, response_status_code, response_body FROM function_executions WHERE id = @id", ("@id", id)));
        Assert.Equal(("sync-status-monitor", AppwriteServer.NurseA, "completed", 200L, ""),
            ((string?)row["function_id"], (string?)row["user_id"], (string?)row["status"], (long?)row["response_status_code"],
                (string?)row["response_body"]));
    }

    [Fact]
    public async Task Executions_list_by_the_sdks_limit_and_status_queries_and_an_unknown_query_is_refused()
    {
        var nurse = fixture.Jwt(AppwriteServer.NurseB);
        var status = new { credential = nurse, functionId = "sync-status-monitor", payload = new { sinceMinutes = 5 } };

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(status, status,
            new
            {
                credential = nurse, op = "list", functionId = "sync-status-monitor",
                queries = new[] { """{"method":"limit","values":[1]}""", """{"method":"equal","attribute":"status","values":["completed"]}""" },
            },
            new { credential = nurse, op = "list", functionId = "sync-status-monitor", queries = new[] { """{"method":"search","attribute":"x","values":["y"]}""" } }));

        var list = results[2]!["list"]!;
        Assert.Equal(2, (int)list["total"]!);
        Assert.Equal((string?)results[1]!["execution"]!["$id"], (string?)Assert.Single(list["executions"]!.AsArray())!["$id"]);
        var refused = results[3]!["error"]!;
        Assert.Equal((400, "general_query_invalid"), ((int)refused["code"]!, (string?)refused["type"]));
    }
}
