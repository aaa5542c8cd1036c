using System.Net;
using FieldSync.Client.Storage;
using FieldSync.Client.Wire;
using Microsoft.Extensions.Logging;

namespace FieldSync.Client.Sync;

/// <summary>
/// One sync pass: the outbox goes up in order and in batches, then every collection comes down page by page until the
/// server has no more. Each step is stored before the next starts, so a pass cut anywhere resumes where it stopped.
/// Passes never overlap: a pass waits for the one running.
/// </summary>
internal sealed class SyncEngine(LocalStore store, SyncHttp http, SyncEvents events, ClientSettings settings, ILogger logger)
{
    private const string AllCollections = "*";
    private const string InvalidCheckpoint = "invalid_checkpoint";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _batchSize = settings.BatchSize;

    /// <summary>Runs one pass, adding what it moves to <paramref name="tally"/>.</summary>
    /// <exception cref="FieldSyncException">A step failed; transient when retrying later can help. Earlier steps are kept.</exception>
    public async Task RunAsync(SyncTally tally, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var stoppedBy = await PushAsync(tally, cancellationToken);
            await PullAsync(tally, cancellationToken);
            tally.Pending = await store.PendingCountAsync(cancellationToken);
            if (stoppedBy is not null)
            {
                throw SyncErrors.OperationsFailed(stoppedBy);
            }

            ClientLog.PassCompleted(logger, store.DeviceId, tally.Pushed, tally.Rejected, tally.Pulled, tally.Pages, tally.Pending);
            events.RaiseProgress(tally.Progress(SyncPhase.Completed));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for a pass in progress to end and lets no other start: the store may close after this.</summary>
    public Task CloseAsync() => _gate.WaitAsync();

    private async Task<string?> PushAsync(SyncTally tally, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await store.TakeBatchAsync(_batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return null;
            }

            PushResponseBody response;
            try
            {
                response = await http.PushAsync(new PushRequestBody(store.DeviceId, Guid.NewGuid().ToString("N"), [.. batch.Select(ToWire)]),
                    cancellationToken);
            }
            catch (FieldSyncException e) when (batch.Count > 1 && (e.Code == "payload_too_large" || e.StatusCode == HttpStatusCode.RequestEntityTooLarge))
            {
                _batchSize = Math.Max(1, batch.Count / 2);
                ClientLog.BatchShrunk(logger, batch.Count, _batchSize);
                continue;
            }

            var outcome = await store.ApplyResultsAsync(batch, response.Results ?? [], DateTimeOffset.UtcNow, cancellationToken);
            tally.Add(outcome);
            foreach (var conflict in outcome.Conflicts)
            {
                events.RaiseConflict(conflict);
            }

            foreach (var rejected in outcome.Rejected)
            {
                ClientLog.OperationRejected(logger, rejected.OpId, rejected.Collection, rejected.DocumentId, rejected.Code);
                events.RaiseRejected(new RejectedEventArgs { Operation = rejected });
            }

            events.RaiseProgress(tally.Progress(SyncPhase.Pushing));
            if (outcome.StoppedBy is not null)
            {
                return outcome.StoppedBy;
            }
        }
    }

    private static WireOperation ToWire(OutboxEntry entry) => new(entry.OpId, OperationTypes.ToWire(entry.Type), entry.Collection,
        entry.DocumentId, entry.Data, entry.CreatedAt, entry.Type == SyncOperationType.Update ? entry.BaseVersion : null);

    // Each collection keeps its own checkpoint; collections standing at the same checkpoint (always, after a first sync
    // of them together) are pulled in one request.
    private async Task PullAsync(SyncTally tally, CancellationToken cancellationToken)
    {
        var keys = settings.Collections ?? [AllCollections];
        var checkpoints = await store.CheckpointsAsync(keys, cancellationToken);
        foreach (var group in keys.GroupBy(k => checkpoints[k] ?? "", StringComparer.Ordinal))
        {
            var members = group.ToList();
            var checkpoint = checkpoints[members[0]];
            try
            {
                await PullGroupAsync(members, checkpoint, tally, cancellationToken);
            }
            catch (FieldSyncException e) when (e.Code == InvalidCheckpoint && checkpoint is not null)
            {
                // A checkpoint this server cannot read (another server, an older format) only means "from where?": the
                // answer is the start. Pages overwrite what the device holds; queued edits stay queued.
                ClientLog.CheckpointRefused(logger, store.DeviceId, string.Join(',', members));
                await PullGroupAsync(members, null, tally, cancellationToken);
            }
        }
    }

    // One page ahead: the request for the next page goes out as soon as this page's checkpoint is known, and this page is
    // stored while the server reads the next, so neither side waits for the other. Pages are still stored one at a time and
    // in order, each with its own checkpoint, so a pass cut anywhere resumes after the last stored page.
    private async Task PullGroupAsync(List<string> keys, string? checkpoint, SyncTally tally, CancellationToken cancellationToken)
    {
        var collections = keys is [AllCollections] ? null : keys;
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetch = FetchAsync(collections, checkpoint, ahead.Token);
        var stored = Task.CompletedTask;
        while (true)
        {
            var page = await AfterStoredAsync(fetch, stored, ahead);
            if (string.IsNullOrEmpty(page.Checkpoint) || (page.HasMore && page.Checkpoint == checkpoint))
            {
                throw SyncErrors.BadResponse("a pull page without a checkpoint that moves on.");
            }

            checkpoint = page.Checkpoint;
            if (page.HasMore)
            {
                fetch = FetchAsync(collections, checkpoint, ahead.Token);
            }

            var write = new PageWrite(keys, page, checkpoint, settings.FacilityFieldOf, DateTimeOffset.UtcNow);
            stored = StoreAsync(write, tally, cancellationToken);
            if (!page.HasMore)
            {
                await stored;
                return;
            }
        }
    }

    private Task<PullResponseBody> FetchAsync(List<string>? collections, string? checkpoint, CancellationToken cancellationToken) =>
        http.PullAsync(new PullRequestBody(store.DeviceId, collections, checkpoint, settings.PageLimit, MaxPages: 1), cancellationToken);

    private async Task StoreAsync(PageWrite write, SyncTally tally, CancellationToken cancellationToken)
    {
        using (write.Page)
        {
            tally.Add(await store.ApplyPageAsync(write, cancellationToken));
        }

        events.RaiseProgress(tally.Progress(SyncPhase.Pulling));
    }

    // The page in flight, once the page before it is stored. A failed store cancels the request in flight; a failed
    // request still lets the store in progress finish, so what was stored is counted and reported before the error.
    private static async Task<PullResponseBody> AfterStoredAsync(Task<PullResponseBody> fetch, Task stored, CancellationTokenSource ahead)
    {
        try
        {
            await stored;
        }
        catch
        {
            await ahead.CancelAsync();
            await Task.WhenAny(fetch);
            if (fetch.IsCompletedSuccessfully)
            {
                fetch.Result.Dispose();
            }

            _ = fetch.Exception;
            throw;
        }

        return await fetch;
    }
}
