namespace FieldSync.Core.Status;

/// <summary>The raw counts of the seven logs over a window.</summary>
public sealed record StatusCounts
{
    /// <summary>Pulls in <c>sync_operations</c>.</summary>
    public long SyncOperations { get; init; }
    /// <summary>Pulls that failed.</summary>
    public long SyncFailed { get; init; }
    /// <summary>Documents sent by pulls.</summary>
    public long DocumentsSent { get; init; }
    /// <summary>Mean pull duration in milliseconds.</summary>
    public double AverageDurationMs { get; init; }
    /// <summary>Push batches in <c>queue_processing_log</c>.</summary>
    public long Batches { get; init; }
    /// <summary>Queued operations processed.</summary>
    public long Operations { get; init; }
    /// <summary>Operations rejected, failed or skipped.</summary>
    public long OperationsFailed { get; init; }
    /// <summary>Operations failed retryably or skipped behind such a failure.</summary>
    public long OperationsRetryable { get; init; }
    /// <summary>Conflicts by strategy name.</summary>
    public IReadOnlyDictionary<string, long> ConflictsByStrategy { get; init; } = new Dictionary<string, long>();
    /// <summary>Conflicts met by queued operations (push), the base of the conflict rate.</summary>
    public long PushConflicts { get; init; }
    /// <summary>Sessions with a recent heartbeat.</summary>
    public long ActiveSessions { get; init; }
    /// <summary>Sessions without one.</summary>
    public long StaleSessions { get; init; }
    /// <summary>Notifications not yet acknowledged (all time, not only the window: a backlog is a backlog).</summary>
    public long PendingNotifications { get; init; }
    /// <summary>Notifications acknowledged within the window.</summary>
    public long DeliveredNotifications { get; init; }
    /// <summary>Messages put on live connections within the window.</summary>
    public long RealtimeMessages { get; init; }
    /// <summary>Deletions within the window.</summary>
    public long Deletions { get; init; }
}
