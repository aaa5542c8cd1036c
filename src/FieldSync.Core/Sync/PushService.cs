using System.Diagnostics;
using System.Text.Json;
using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FieldSync.Core.Sync;

/// <summary>
/// Applies a device's offline queue in order. Each operation is wholly applied with its log rows and its exactly-once
/// record or not at all, and committed before the response (once per batch where the store has one writer at a time);
/// a transient fault stops the batch so that nothing is applied out of order.
/// </summary>
public sealed class PushService(
    ISyncStore store, DocumentWriter writer, SyncConfiguration configuration, TimeProvider clock, ILogger<PushService> logger)
{
    /// <summary>Processes the batch and writes its <c>queue_processing_log</c> summary.</summary>
    /// <exception cref="SyncRequestException">The request itself is malformed; nothing was applied.</exception>
    public async Task<PushResponse> PushAsync(SyncCaller caller, PushRequest request, CancellationToken cancellationToken)
    {
        RequestGuards.CheckUser(caller, request.UserId);
        var deviceId = RequestGuards.RequireDevice(request.DeviceId);
        var operations = request.QueuedOperations ?? throw SyncRequestException.ForField(
            ErrorCodes.ValidationFailed, "queuedOperations", "required", "queuedOperations is required (an array of operations).");
        if (operations.Count > configuration.Push.MaxOperationsPerBatch)
        {
            throw SyncRequestException.ForField(ErrorCodes.PayloadTooLarge, "queuedOperations", "maxItems",
                $"A push may carry at most {configuration.Push.MaxOperationsPerBatch} operations; split the queue into batches.");
        }

        // A null entry is a malformed request, refused before any operation of the batch is applied.
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is null)
            {
                throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, $"queuedOperations[{i}]", "required",
                    $"queuedOperations[{i}] is null; every entry must be an operation object.");
            }
        }

        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var results = await ApplyBatchAsync(caller, deviceId, operations, cancellationToken);
        var response = Summarize(results);
        await LogBatchAsync(caller, deviceId, request.BatchId, started, watch.ElapsedMilliseconds, response, cancellationToken);
        return response;
    }

    // The operations are applied in order; on a store with one writer at a time inside one transaction that commits when
    // the batch is done (one wait for the disk per batch instead of one per operation), elsewhere one commit each. A
    // storage failure, even at the commit, rolls back what is not committed yet: the first operation of it is reported
    // failed and every later one skipped, and the device sends them again in the same order.
    private async Task<List<OperationResult>> ApplyBatchAsync(
        SyncCaller caller, string deviceId, IReadOnlyList<QueuedOperation> operations, CancellationToken cancellationToken)
    {
        var results = new List<OperationResult>(operations.Count);
        await using var batch = new PushBatchTransaction(store, deviceId, [.. operations.Select(OperationKeys.For)]);
        try
        {
            for (var i = 0; i < operations.Count; i++)
            {
                results.Add(await ProcessAsync(batch, caller, i, operations[i], cancellationToken));
                if (!store.SerializesWriters)
                {
                    // Concurrent writers (PostgreSQL): a transaction held across a batch could deadlock with another device's.
                    await batch.CommitAsync(cancellationToken);
                }
            }

            await batch.CommitAsync(cancellationToken);
            return results;
        }
        catch (StorageException e)
        {
            var failed = batch.FirstIndex ?? results.Count;
            CoreLog.PushStopped(logger, deviceId, failed, e.Message);
            results.RemoveRange(failed, results.Count - failed);
            results.Add(new OperationResult
            {
                Index = failed, OpId = batch.KeyOf(failed), Status = PushStatuses.Failed, Retryable = true,
                Error = new OperationError(ErrorCodes.StorageUnavailable, "The server could not store the operation; send it again later."),
            });
            for (var i = failed + 1; i < operations.Count; i++)
            {
                results.Add(new OperationResult
                {
                    Index = i, OpId = batch.KeyOf(i), Status = PushStatuses.Skipped, Retryable = true,
                });
            }

            return results;
        }
    }

    private async Task<OperationResult> ProcessAsync(PushBatchTransaction batch,
        SyncCaller caller, int index, QueuedOperation operation, CancellationToken cancellationToken)
    {
        var key = batch.KeyOf(index);
        if (OperationChecks.FindProblem(configuration, operation) is { } problem)
        {
            return new OperationResult { Index = index, OpId = key, Status = PushStatuses.Rejected, Retryable = false, Error = problem };
        }

        if (await batch.FindProcessedAsync(index, cancellationToken) is { } first)
        {
            return AsDuplicate(first, index);
        }

        var transaction = await batch.ForAsync(index, cancellationToken);
        var command = new WriteCommand(caller, batch.DeviceId, OperationChecks.TypeOf(operation), operation.Collection!,
            operation.DocumentId!, operation.Data, operation.Timestamp, operation.BaseVersion);
        var outcome = await writer.ApplyAsync(transaction, command, cancellationToken);
        var result = OperationResults.From(index, key, outcome);
        var json = JsonSerializer.SerializeToUtf8Bytes(result, SyncJson.Options);
        await batch.RecordProcessedAsync(index, json, cancellationToken);
        return result.WrittenAs(json);
    }

    private static OperationResult AsDuplicate(string firstJson, int index)
    {
        var first = JsonSerializer.Deserialize<OperationResult>(firstJson, SyncJson.Options)!;
        return first with { Index = index, Status = PushStatuses.Duplicate, OriginalStatus = first.Status };
    }

    private static PushResponse Summarize(List<OperationResult> results)
    {
        var succeeded = results.Count(r => r.Status is PushStatuses.Applied or PushStatuses.ConflictResolved or PushStatuses.Duplicate);
        return new PushResponse(results.Count, succeeded, results.Count - succeeded, results);
    }

    private async Task LogBatchAsync(SyncCaller caller, string deviceId, string? batchId, DateTimeOffset started, long durationMs,
        PushResponse response, CancellationToken cancellationToken)
    {
        var entry = new QueueBatchEntry
        {
            BatchId = string.IsNullOrEmpty(batchId) ? Guid.NewGuid().ToString("N") : RequestGuards.Shorten(batchId),
            DeviceId = deviceId,
            UserId = caller.UserId,
            Processed = response.Processed,
            Succeeded = response.Succeeded,
            Failed = response.Failed,
            Retryable = response.Results.Count(r => r.Retryable == true),
            Duplicates = response.Results.Count(r => r.Status == PushStatuses.Duplicate),
            Conflicts = response.Results.Count(r => r.Status == PushStatuses.ConflictResolved),
            DurationMs = durationMs,
            CreatedAt = started,
        };
        try
        {
            await store.AppendQueueBatchAsync(entry, cancellationToken);
        }
        catch (StorageException e)
        {
            // The operations are committed; a missing summary row must not turn their success into an error.
            CoreLog.LogRowLost(logger, "queue_processing_log", e.Message);
        }
    }
}
