using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// Errors as node-appwrite sees them: refusals of the endpoint raise <c>AppwriteException</c> with Appwrite's code and
/// type; a request the function refuses is the function's answer (its status and problem), as the native API's answer.
/// </summary>
public sealed class ExecutionErrorTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    private static readonly object _status = new { sinceMinutes = 60 };

    [Fact]
    public async Task Unknown_function_raises_404_function_not_found()
    {
        var error = await ErrorOfAsync(new { credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "no-such-function", payload = _status });

        Assert.Equal(("AppwriteException", 404, "function_not_found"), error);
    }

    [Fact]
    public async Task Missing_credential_raises_401_user_unauthorized()
    {
        var error = await ErrorOfAsync(new { credential = new { }, functionId = "sync-status-monitor", payload = _status });

        Assert.Equal(("AppwriteException", 401, "user_unauthorized"), error);
    }

    [Fact]
    public async Task Token_of_an_unknown_user_raises_401_user_jwt_invalid()
    {
        var error = await ErrorOfAsync(new { credential = new { jwt = fixture.Server.TokenFor("nobody-here") }, functionId = "sync-status-monitor" });

        Assert.Equal(("AppwriteException", 401, "user_jwt_invalid"), error);
    }

    [Fact]
    public async Task Wrong_server_key_raises_401_user_unauthorized()
    {
        var error = await ErrorOfAsync(new { credential = new { key = "not-the-key-0123456789abcdef0123456789" }, functionId = "sync-status-monitor" });

        Assert.Equal(("AppwriteException", 401, "user_unauthorized"), error);
    }

    [Fact]
    public async Task Another_project_raises_404_project_not_found()
    {
        var error = await ErrorOfAsync(new
        {
            credential = new { jwt = fixture.Server.TokenFor(AppwriteServer.NurseA), project = "immunization" },
            functionId = "sync-status-monitor",
        });

        Assert.Equal(("AppwriteException", 404, "project_not_found"), error);
    }

    [Fact]
    public async Task Request_the_function_refuses_is_its_answer_with_the_native_status_and_problem()
    {
        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(
            new
            {
                credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "incremental-data-sync",
                payload = new { deviceId = "tab-err", collections = new[] { "vaccines" } },
            },
            new { credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "offline-queue-processor", body = "{\"deviceId\": " },
            new
            {
                credential = fixture.Jwt(AppwriteServer.NurseA), functionId = "incremental-data-sync",
                payload = new { deviceId = "tab-err", userId = AppwriteServer.NurseB },
            }));

        Assert.Equal((400, "unknown_collection", "collections[0]"), Refusal(results[0]));
        using var native = await fixture.Server.Client(AppwriteServer.NurseA).PostAsync("v1/sync/push",
            new StringContent("{\"deviceId\": ", System.Text.Encoding.UTF8, "application/json"));
        var nativeProblem = JsonNode.Parse(await native.Content.ReadAsStringAsync())!;
        Assert.Equal(((int)native.StatusCode, (string?)nativeProblem["code"], (string?)nativeProblem["errors"]![0]!["field"]), Refusal(results[1]));
        Assert.Equal((403, "forbidden_user", "userId"), Refusal(results[2]));
    }

    private async Task<(string?, int, string?)> ErrorOfAsync(object call)
    {
        var result = (await AppwriteJs.RunFunctionsAsync(fixture.Plan(call)))[0]!;
        Assert.False((bool)result["ok"]!, result.ToJsonString());
        var error = result["error"]!;
        return ((string?)error["name"], (int)error["code"]!, (string?)error["type"]);
    }

    private static (int, string?, string?) Refusal(JsonNode? result)
    {
        Assert.True((bool)result!["ok"]!, result.ToJsonString());
        var problem = result["responseJson"]!;
        return ((int)result["execution"]!["responseStatusCode"]!, (string?)problem["code"], (string?)problem["errors"]![0]!["field"]);
    }
}
