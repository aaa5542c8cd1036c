using System.Threading.Channels;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// Runs asynchronous executions in the background, a few at a time, and stores each outcome where every server instance
/// reads it back. The queue is bounded: when full, new asynchronous executions are refused rather than piling up.
/// An execution still queued when the server stops is stored as failed.
/// </summary>
public sealed class ExecutionQueue(ExecutionRunner runner, TimeProvider clock, ILogger<ExecutionQueue> logger) : BackgroundService
{
    /// <summary>Executions that may wait at once.</summary>
    public const int Capacity = 1000;

    /// <summary>How long an asynchronous execution may run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    private const int Workers = 2;

    private readonly Channel<QueuedExecution> _queue = Channel.CreateBounded<QueuedExecution>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues an execution without waiting; false when the queue is full.</summary>
    public bool TryEnqueue(QueuedExecution execution) => _queue.Writer.TryWrite(execution);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkAsync(stoppingToken)));
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var left))
        {
            await AbandonAsync(left.Execution);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await RunAsync(queued, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is marked failed.
        }
    }

    private async Task RunAsync(QueuedExecution queued, CancellationToken stoppingToken)
    {
        var processing = queued.Execution with { Status = "processing", UpdatedAt = clock.GetUtcNow() };
        await runner.RecordAsync(processing, stoppingToken);
        try
        {
            var (done, _) = await runner.RunAsync(queued.Job, queued.Caller, processing, queued.Request, Timeout, stoppingToken);
            await runner.RecordAsync(done, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await AbandonAsync(processing);
        }
#pragma warning disable CA1031 // A failed execution is recorded as failed; the worker must go on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AppwriteLog.FunctionFailed(logger, queued.Job, e.GetType().Name + ": " + e.Message);
            await runner.RecordAsync(processing with
            {
                Status = "failed", ResponseStatusCode = 500, Errors = "Server Error", UpdatedAt = clock.GetUtcNow(),
            }, CancellationToken.None);
        }
    }

    private async Task AbandonAsync(FunctionExecution execution)
    {
        AppwriteLog.ExecutionAbandoned(logger, execution.Id);
        await runner.RecordAsync(execution with
        {
            Status = "failed", Errors = "The server stopped before the execution finished; run it again.", UpdatedAt = clock.GetUtcNow(),
        }, CancellationToken.None);
    }
}
