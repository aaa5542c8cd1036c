using System.Diagnostics;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Appwrite;

/// <summary>Makes execution records, runs them through the <see cref="FunctionRunner"/> within a time limit, and stores them.</summary>
public sealed class ExecutionRunner(ISyncStore store, FunctionRunner runner, TimeProvider clock, ILogger<ExecutionRunner> logger)
{
    /// <summary>How long a synchronous execution may run, as on Appwrite.</summary>
    public static readonly TimeSpan SynchronousTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] _keptRequestHeaders = ["content-type", "agent", "content-length", "host", "x-appwrite-client-ip"];

    /// <summary>A new, waiting execution of <paramref name="functionId"/> for the caller.</summary>
    public FunctionExecution Create(string functionId, SyncCaller caller, bool isKey, ExecutionRequest request)
    {
        var now = clock.GetUtcNow();
        return new FunctionExecution
        {
            Id = NewId(now),
            FunctionId = functionId,
            UserId = isKey ? null : caller.UserId,
            Trigger = "http",
            Status = "waiting",
            RequestMethod = request.Method,
            RequestPath = request.Path,
            RequestHeaders = ExecutionJson.HeaderList(request.Headers.Where(h => _keptRequestHeaders.Contains(h.Key))),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Runs the execution and returns it finished, with its whole response; <c>TimedOut</c> when it ran past
    /// <paramref name="timeout"/> (it is then failed). Cancellation of <paramref name="cancellationToken"/> is passed on.
    /// </summary>
    public async Task<(FunctionExecution Execution, bool TimedOut)> RunAsync(string job, SyncCaller caller, FunctionExecution execution,
        FunctionRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        FunctionResponse response;
        var timedOut = false;
        try
        {
            response = await runner.RunAsync(job, caller, request, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timedOut = true;
            response = new FunctionResponse(500, "text/plain", "", $"The execution ran longer than {timeout.TotalSeconds:0} seconds and was stopped.");
        }

        return (execution with
        {
            Status = response.Status >= 500 ? "failed" : "completed",
            ResponseStatusCode = response.Status,
            ResponseBody = response.Body,
            ResponseHeaders = ExecutionJson.HeaderList([new("content-type", response.ContentType)]),
            Errors = response.Error ?? "",
            DurationSeconds = watch.Elapsed.TotalSeconds,
            UpdatedAt = clock.GetUtcNow(),
        }, timedOut);
    }

    /// <summary>Stores the execution; a storage failure is logged, never thrown, since the function has already run.</summary>
    public async Task RecordAsync(FunctionExecution execution, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveExecutionAsync(execution, cancellationToken);
        }
        catch (StorageException e)
        {
            AppwriteLog.ExecutionNotRecorded(logger, execution.Id, e.Message);
        }
    }

    // Like Appwrite's ID.unique(): time first, so ids sort roughly by creation, then randomness.
    private static string NewId(DateTimeOffset now) =>
        (now.ToUnixTimeMilliseconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture)
            + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5)))[..20];
}
