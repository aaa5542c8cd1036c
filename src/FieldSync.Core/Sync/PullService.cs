using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FieldSync.Core.Sync;

/// <summary>Checks a pull request and opens the stream of its pages.</summary>
public sealed class PullService(ISyncStore store, SyncConfiguration configuration, TimeProvider clock, ILogger<PullService> logger)
{
    /// <summary>Opens a pull. The caller enumerates the stream, then completes it, then disposes it.</summary>
    /// <exception cref="SyncRequestException">The request is malformed; nothing was read.</exception>
    public async Task<PullStream> OpenAsync(SyncCaller caller, PullRequest request, CancellationToken cancellationToken)
    {
        RequestGuards.CheckUser(caller, request.UserId);
        var deviceId = RequestGuards.RequireDevice(request.DeviceId);
        var collections = Collections(request);
        var pageLimit = InRange(request.PageLimit ?? configuration.Pull.DefaultPageLimit, configuration.Pull.MaxPageLimit, "pageLimit");
        var maxPages = InRange(request.MaxPages ?? 1, configuration.Pull.MaxPages, "maxPages");
        var checkpointText = request.Checkpoint ?? request.PageCursor;
        long from = 0;
        string? checkpointScope = null;
        if (checkpointText is not null && !Checkpoint.TryDecode(checkpointText, out from, out checkpointScope))
        {
            throw SyncRequestException.ForField(ErrorCodes.InvalidCheckpoint, request.Checkpoint is null ? "pageCursor" : "checkpoint",
                "format", "The checkpoint was not made by this server; send the checkpoint of a previous response, or null to start over.");
        }

        var scope = Checkpoint.ScopeTag(caller.Scope);
        if (checkpointScope is not null && checkpointScope != scope)
        {
            // The caller's facilities changed since that checkpoint: the documents of an added facility lie behind it.
            from = 0;
        }

        var plan = new PullPlan(caller, deviceId, collections, from, scope, pageLimit, maxPages,
            // Even a device's first pull lists deletions: an offline-first device may have pushed (and kept) documents
            // before it ever pulled, and must learn that another device deleted one of them since.
            IncludeDeleted: true,
            UpdatedAfter: checkpointText is null ? request.LastSyncTimestamp : null);
        var reader = await store.OpenChangeReaderAsync(cancellationToken);
        return new PullStream(store, reader, plan, clock, logger);
    }

    private List<string> Collections(PullRequest request)
    {
        if (request.Collections is null || request.Collections.Count == 0)
        {
            return [.. configuration.SyncedCollections];
        }

        for (var i = 0; i < request.Collections.Count; i++)
        {
            RequestGuards.RequireCollection(configuration, request.Collections[i], $"collections[{i}]");
        }

        return [.. request.Collections.Distinct(StringComparer.Ordinal)];
    }

    private static int InRange(int value, int max, string field) => value >= 1 && value <= max
        ? value
        : throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, field, value < 1 ? "min" : "max",
            $"{field} must be between 1 and {max}.");
}
