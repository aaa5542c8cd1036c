using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Storage;
using FieldSync.Server.Auth;

namespace FieldSync.Server.Appwrite;

public static partial class AppwriteEndpoints
{
    /// <summary>
    /// <c>functions.createExecution</c>: runs the function now (201 with its response) or, with <c>async</c>, queues it
    /// (202, read back with <c>getExecution</c>).
    /// </summary>
    internal static async Task<IResult> CreateExecutionAsync(string functionId, HttpContext context, AppwriteOptions options,
        ExecutionRunner runner, ExecutionQueue queue, ISyncStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.JobOf(functionId) is not { } job)
        {
            return FunctionNotFound(functionId);
        }

        var parameters = await ReadParametersAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return AppwriteErrors.Result(400, AppwriteErrors.ArgumentInvalid, "Invalid request body: send the parameters as a JSON object.");
        }

        var (request, errorType, error) = ExecutionRequest.Parse(parameters);
        if (request is null)
        {
            return AppwriteErrors.Result(400, errorType!, error!);
        }

        var caller = context.GetCaller();
        var isKey = AppwriteAuthentication.IsKey(context);
        var execution = runner.Create(functionId, caller, isKey, request);
        var functionRequest = FunctionRequestOf(request, execution, isKey);
        var format = context.Request.Headers["X-Appwrite-Response-Format"].ToString();
        if (request.Async)
        {
            await store.SaveExecutionAsync(execution, cancellationToken);
            if (!queue.TryEnqueue(new QueuedExecution(job, caller, execution, functionRequest)))
            {
                await runner.RecordAsync(execution with { Status = "failed", Errors = "The execution queue is full." }, CancellationToken.None);
                return AppwriteErrors.Result(429, AppwriteErrors.RateLimitExceeded,
                    $"{ExecutionQueue.Capacity} asynchronous executions are waiting already; try again later or run it synchronously.");
            }

            return Results.Json(ExecutionJson.Write(execution, isKey, format, clock.GetUtcNow()), statusCode: 202);
        }

        var (done, timedOut) = await runner.RunAsync(job, caller, execution, functionRequest, ExecutionRunner.SynchronousTimeout,
            cancellationToken);
        // As on Appwrite, a synchronous execution's response goes to its caller only; the record keeps the rest.
        await runner.RecordAsync(done with { ResponseBody = "" }, CancellationToken.None);
        return timedOut
            ? AppwriteErrors.Result(408, AppwriteErrors.SynchronousTimeout,
                "Synchronous function execution timed out. Use asynchronous execution instead, or ensure the execution duration " +
                "doesn't exceed 30 seconds.")
            : Results.Json(ExecutionJson.Write(done, isKey, format, clock.GetUtcNow()), statusCode: 201);
    }

    /// <summary><c>functions.getExecution</c>: the caller's execution (any, for a server key).</summary>
    internal static async Task<IResult> GetExecutionAsync(string functionId, string executionId, HttpContext context,
        AppwriteOptions options, ISyncStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.JobOf(functionId) is null)
        {
            return FunctionNotFound(functionId);
        }

        var isKey = AppwriteAuthentication.IsKey(context);
        var execution = await store.FindExecutionAsync(executionId, cancellationToken);
        if (execution is null || execution.FunctionId != functionId || (!isKey && execution.UserId != context.GetCaller().UserId))
        {
            return AppwriteErrors.Result(404, AppwriteErrors.ExecutionNotFound, "Execution with the requested ID could not be found.");
        }

        var format = context.Request.Headers["X-Appwrite-Response-Format"].ToString();
        return Results.Json(ExecutionJson.Write(execution, isKey, format, clock.GetUtcNow()));
    }

    /// <summary><c>functions.listExecutions</c>: the caller's executions of the function, newest first.</summary>
    internal static async Task<IResult> ListExecutionsAsync(string functionId, HttpContext context, AppwriteOptions options,
        ISyncStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.JobOf(functionId) is null)
        {
            return FunctionNotFound(functionId);
        }

        var isKey = AppwriteAuthentication.IsKey(context);
        var (query, error) = ExecutionQueries.Parse(context.Request.Query, functionId, isKey ? null : context.GetCaller().UserId);
        if (query is null)
        {
            return AppwriteErrors.Result(400, AppwriteErrors.QueryInvalid, error!);
        }

        var page = await store.ListExecutionsAsync(query, cancellationToken);
        var format = context.Request.Headers["X-Appwrite-Response-Format"].ToString();
        var now = clock.GetUtcNow();
        return Results.Json(new JsonObject
        {
            ["total"] = context.Request.Query["total"] == "false" ? 0 : Math.Min(page.Total, ExecutionQueries.MaxCount),
            ["executions"] = new JsonArray([.. page.Executions.Select(e => (JsonNode)ExecutionJson.Write(e, isKey, format, now))]),
        });
    }

    private static IResult FunctionNotFound(string functionId) => AppwriteErrors.Result(404, AppwriteErrors.FunctionNotFound,
        $"Function with the requested ID could not be found. '{Core.Sync.RequestGuards.Shorten(functionId)}' is not a function of this server.");

    private static async Task<JsonObject?> ReadParametersAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The function sees the caller's headers and, as on Appwrite, the execution's own.
    private static FunctionRequest FunctionRequestOf(ExecutionRequest request, FunctionExecution execution, bool isKey)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.Ordinal)
        {
            ["x-appwrite-trigger"] = "http",
            ["x-appwrite-execution-id"] = execution.Id,
            ["x-appwrite-user-id"] = isKey ? "" : execution.UserId ?? "",
        };
        return new FunctionRequest(request.Body, request.Method, request.Path, headers);
    }
}
