using System.Diagnostics;
using System.Runtime.CompilerServices;
using FieldSync.Core.Errors;
using FieldSync.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FieldSync.Core.Sync;

/// <summary>
/// One pull in progress: the changes of its pages in sequence order, read from one consistent view, so the response
/// can be written as it is read. After enumeration <see cref="Checkpoint"/> and <see cref="HasMore"/> are final.
/// </summary>
public sealed class PullStream : IAsyncDisposable
{
    private readonly ISyncStore _store;
    private readonly IChangeReader _reader;
    private readonly PullPlan _plan;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _started;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _checkpoint;

    internal PullStream(ISyncStore store, IChangeReader reader, PullPlan plan, TimeProvider clock, ILogger logger)
    {
        (_store, _reader, _plan, _logger) = (store, reader, plan, logger);
        _started = clock.GetUtcNow();
        _checkpoint = plan.From;
        ServerTime = _started;
    }

    /// <summary>The pulling device.</summary>
    public string DeviceId => _plan.DeviceId;

    /// <summary>The server time at which the pull started.</summary>
    public DateTimeOffset ServerTime { get; }

    /// <summary>The checkpoint to send next time; final after enumeration.</summary>
    public string Checkpoint => Sync.Checkpoint.Encode(_checkpoint, _plan.ScopeTag);

    /// <summary>
    /// The facilities this pull was read for, sorted; null for a caller who sees every facility. A device drops the
    /// documents it holds of any other facility: they are no longer its to keep (a membership was removed).
    /// </summary>
    public IReadOnlyList<string>? Facilities =>
        _plan.Caller.Scope.IsAll ? null : [.. _plan.Caller.Scope.Facilities.Order(StringComparer.Ordinal)];

    /// <summary>Whether more changes wait beyond <see cref="Checkpoint"/>; final after enumeration.</summary>
    public bool HasMore { get; private set; }

    /// <summary>Live documents handed out so far.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Tombstones handed out so far.</summary>
    public int DeletionCount { get; private set; }

    /// <summary>The changes, page after page; tombstones have <see cref="StoredChange.Deleted"/> set.</summary>
    public async IAsyncEnumerable<StoredChange> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = _plan.From;
        var more = false;
        for (var page = 0; page < _plan.MaxPages; page++)
        {
            var query = new ChangeQuery(_plan.Collections, _plan.Caller.Scope, cursor, _plan.PageLimit + 1,
                _plan.IncludeDeleted, _plan.UpdatedAfter);
            var read = 0;
            more = false;
            await foreach (var document in _reader.ReadChangesAsync(query, cancellationToken))
            {
                // The extra row only tells whether another page exists, saving a device on a slow link a round trip.
                if (read == _plan.PageLimit)
                {
                    more = true;
                    break;
                }

                read++;
                cursor = document.Sequence;
                _checkpoint = cursor;
                if (document.Deleted) { DeletionCount++; } else { DocumentCount++; }
                yield return document;
            }

            if (!more)
            {
                break;
            }
        }

        HasMore = more;
        // With nothing left the device may skip to the view's horizon: every change up to it is committed and was read.
        _checkpoint = more ? cursor : Math.Max(cursor, _reader.Horizon);
    }

    /// <summary>Writes the pull's <c>sync_operations</c> row; <paramref name="error"/> says why it failed, if it did.</summary>
    public async Task CompleteAsync(string? error, CancellationToken cancellationToken)
    {
        var entry = new SyncOperationEntry
        {
            DeviceId = _plan.DeviceId,
            UserId = _plan.Caller.UserId,
            Operation = "pull",
            Collections = string.Join(',', _plan.Collections),
            Status = error is null ? "success" : "failed",
            DocumentsSent = DocumentCount,
            DeletionsSent = DeletionCount,
            CheckpointFrom = _plan.From,
            CheckpointTo = _checkpoint,
            DurationMs = _watch.ElapsedMilliseconds,
            Error = error,
            CreatedAt = _started,
        };
        CoreLog.Pulled(_logger, _plan.DeviceId, DocumentCount, DeletionCount, _plan.From, _checkpoint);
        try
        {
            await _store.AppendSyncOperationAsync(entry, cancellationToken);
        }
        catch (StorageException e)
        {
            CoreLog.LogRowLost(_logger, "sync_operations", e.Message);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
