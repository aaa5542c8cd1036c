using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Status;

/// <summary>
/// The sync status monitor: counts the seven logs over a window, filtered as asked and scoped by role — <c>system</c>
/// sees everything, <c>facility_admin</c> their facilities, <c>health_worker</c> only their own devices.
/// </summary>
public sealed class StatusService(ISyncStore store, SyncConfiguration configuration, TimeProvider clock)
{
    /// <summary>The longest window: a year.</summary>
    public const int MaxMinutes = 366 * 24 * 60;

    /// <summary>Builds the report.</summary>
    /// <exception cref="SyncRequestException">A filter outside the caller's scope, or a bad window.</exception>
    public async Task<SyncStatusReport> GetAsync(SyncCaller caller, StatusQuery query, CancellationToken cancellationToken)
    {
        var minutes = query.SinceMinutes ?? 60;
        if (minutes is < 1 or > MaxMinutes)
        {
            throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "sinceMinutes", minutes < 1 ? "min" : "max",
                $"sinceMinutes must be between 1 and {MaxMinutes}.");
        }

        var now = clock.GetUtcNow();
        var filter = new StatusFilter(now.AddMinutes(-minutes), now, query.DeviceId, UserFilter(caller, query.UserId),
            FacilityFilter(caller, query.FacilityId), now.AddSeconds(-configuration.Realtime.HeartbeatWindowSeconds));
        var counts = await store.CountAsync(filter, cancellationToken);
        var (health, reasons) = HealthEvaluator.Evaluate(counts, configuration.Health);
        return new SyncStatusReport(health, reasons, new StatusWindow(filter.From, filter.To),
            new SyncOperationFigures(counts.SyncOperations, counts.SyncFailed, counts.DocumentsSent, Math.Round(counts.AverageDurationMs, 1)),
            new QueueFigures(counts.Batches, counts.Operations, counts.OperationsFailed, counts.OperationsRetryable),
            new ConflictFigures(counts.ConflictsByStrategy.Values.Sum(), counts.ConflictsByStrategy),
            new SessionFigures(counts.ActiveSessions, counts.StaleSessions),
            new NotificationFigures(counts.PendingNotifications, counts.DeliveredNotifications, counts.RealtimeMessages),
            new DeletionFigures(counts.Deletions));
    }

    private static string? UserFilter(SyncCaller caller, string? userId)
    {
        if (caller.Role != UserRole.HealthWorker)
        {
            return userId;
        }

        // A health worker sees only their own devices, whatever they ask for.
        RequestGuards.CheckUser(caller, userId);
        return caller.UserId;
    }

    private static IReadOnlyList<string>? FacilityFilter(SyncCaller caller, string? facilityId)
    {
        if (facilityId is not null && !caller.Scope.Contains(facilityId))
        {
            throw SyncRequestException.ForField(ErrorCodes.ForbiddenFacility, "facilityId", "facility_scope",
                "You are not a member of that facility.");
        }

        return facilityId is not null ? [facilityId]
            : caller.Role == UserRole.FacilityAdmin ? [.. caller.Scope.Facilities]
            : null;
    }
}
