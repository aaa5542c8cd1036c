namespace FieldSync.Core.Contracts;

/// <summary>The answer of <c>GET /v1/sync/status</c>: the health of sync over a window and the figures behind it.</summary>
/// <param name="Health"><c>healthy</c>, <c>warning</c> or <c>degraded</c>.</param>
/// <param name="Reasons">Why, in words; empty when healthy.</param>
/// <param name="Window">The time window counted.</param>
/// <param name="SyncOperations">Pulls.</param>
/// <param name="Queue">Push batches and their operations.</param>
/// <param name="Conflicts">Conflicts by strategy.</param>
/// <param name="Sessions">Device sessions.</param>
/// <param name="Notifications">Change notifications.</param>
/// <param name="Deletions">Deletions.</param>
public sealed record SyncStatusReport(
    string Health,
    IReadOnlyList<string> Reasons,
    StatusWindow Window,
    SyncOperationFigures SyncOperations,
    QueueFigures Queue,
    ConflictFigures Conflicts,
    SessionFigures Sessions,
    NotificationFigures Notifications,
    DeletionFigures Deletions);
