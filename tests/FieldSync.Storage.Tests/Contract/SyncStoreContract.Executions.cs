using FieldSync.Core.Storage;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Saved_execution_reads_back_with_every_field()
    {
        var execution = Execution("exec-1", "incremental-data-sync", "nurse-1", T0) with
        {
            ResponseStatusCode = 400,
            ResponseBody = """{"code":"invalid_checkpoint"}""",
            ResponseHeaders = """[{"name":"content-type","value":"application/problem+json"}]""",
            Logs = "log line",
            Errors = "error line",
            DurationSeconds = 0.125,
        };

        await Store.SaveExecutionAsync(execution, Token);

        AssertSameExecution(execution, await Store.FindExecutionAsync("exec-1", Token));
        Assert.Null(await Store.FindExecutionAsync("exec-2", Token));
    }

    [Fact]
    public async Task Execution_of_a_server_key_has_no_user()
    {
        await Store.SaveExecutionAsync(Execution("exec-key", "sync-status-monitor", null, T0), Token);

        var found = await Store.FindExecutionAsync("exec-key", Token);
        Assert.NotNull(found);
        Assert.Null(found.UserId);
    }

    [Fact]
    public async Task Saving_an_execution_again_records_its_outcome_and_keeps_its_request()
    {
        var waiting = Execution("exec-1", "offline-queue-processor", "nurse-1", T0) with { Status = "waiting" };
        await Store.SaveExecutionAsync(waiting, Token);

        var done = waiting with
        {
            Status = "completed",
            ResponseStatusCode = 200,
            ResponseBody = """{"processed":1}""",
            DurationSeconds = 1.5,
            UpdatedAt = T0.AddSeconds(2),
        };
        await Store.SaveExecutionAsync(done, Token);

        AssertSameExecution(done, await Store.FindExecutionAsync("exec-1", Token));
        Assert.Single(await ReadTableAsync("function_executions"));
    }

    [Fact]
    public async Task Executions_list_newest_first_by_function_user_and_status_with_the_total()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.SaveExecutionAsync(Execution($"pull-{i}", "pull-fn", "nurse-1", T0.AddSeconds(i)), Token);
        }

        await Store.SaveExecutionAsync(Execution("pull-other-user", "pull-fn", "nurse-2", T0.AddSeconds(10)), Token);
        await Store.SaveExecutionAsync(Execution("push-0", "push-fn", "nurse-1", T0.AddSeconds(11)), Token);
        await Store.SaveExecutionAsync(Execution("pull-failed", "pull-fn", "nurse-1", T0.AddSeconds(12)) with { Status = "failed" }, Token);

        var page = await Store.ListExecutionsAsync(new ExecutionQuery("pull-fn", "nurse-1", "completed", Limit: 2, Offset: 1), Token);
        Assert.Equal(5, page.Total);
        Assert.Equal(["pull-3", "pull-2"], page.Executions.Select(e => e.Id));

        var everyone = await Store.ListExecutionsAsync(new ExecutionQuery("pull-fn", null, null, Limit: 100, Offset: 0), Token);
        Assert.Equal(7, everyone.Total);
        Assert.Equal("pull-failed", everyone.Executions[0].Id);
        Assert.DoesNotContain("push-0", everyone.Executions.Select(e => e.Id));
    }

    [Fact]
    public async Task Prune_removes_executions_older_than_the_cutoff()
    {
        await Store.SaveExecutionAsync(Execution("old", "pull-fn", "nurse-1", T0.AddDays(-30)), Token);
        await Store.SaveExecutionAsync(Execution("new", "pull-fn", "nurse-1", T0), Token);

        var removed = await Store.PruneLogsAsync(T0.AddDays(-1), Token);

        Assert.Equal(1, removed);
        Assert.Null(await Store.FindExecutionAsync("old", Token));
        Assert.NotNull(await Store.FindExecutionAsync("new", Token));
    }

    private static FunctionExecution Execution(string id, string functionId, string? userId, DateTimeOffset createdAt) => new()
    {
        Id = id,
        FunctionId = functionId,
        UserId = userId,
        Trigger = "http",
        Status = "completed",
        RequestMethod = "POST",
        RequestPath = "/",
        RequestHeaders = """[{"name":"content-type","value":"application/json"}]""",
        ResponseStatusCode = 200,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
    };

    private static void AssertSameExecution(FunctionExecution expected, FunctionExecution? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { CreatedAt = default, UpdatedAt = default }, actual with { CreatedAt = default, UpdatedAt = default });
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
    }
}
