namespace FieldSync.Core.Configuration;

/// <summary>Thresholds at which the status monitor reports warning or degraded.</summary>
public sealed class HealthThresholds
{
    /// <summary>Share of failed sync operations and queue operations that makes the health warning. Default: 0.05.</summary>
    public double WarningFailureRate { get; init; } = 0.05;

    /// <summary>Share of failed operations that makes the health degraded. Default: 0.20.</summary>
    public double DegradedFailureRate { get; init; } = 0.20;

    /// <summary>Retryable queue failures in the window that make the health warning. Default: 10.</summary>
    public int WarningRetryableBacklog { get; init; } = 10;

    /// <summary>Retryable queue failures in the window that make the health degraded. Default: 100.</summary>
    public int DegradedRetryableBacklog { get; init; } = 100;

    /// <summary>Conflicts per queue operation that make the health warning. Default: 0.10.</summary>
    public double WarningConflictRate { get; init; } = 0.10;

    /// <summary>Share of sessions that are stale that makes the health warning. Default: 0.50.</summary>
    public double WarningStaleSessionRate { get; init; } = 0.50;

    /// <summary>Undelivered notifications that make the health warning. Default: 1000.</summary>
    public int WarningPendingNotifications { get; init; } = 1000;
}
