namespace FieldSync.Client;

/// <summary>A background sync attempt failed. Transient failures are retried with exponential backoff and jitter.</summary>
public sealed class SyncFailedEventArgs : EventArgs
{
    /// <summary>What went wrong.</summary>
    public required FieldSyncException Error { get; init; }

    /// <summary>When the next attempt starts (sooner if connectivity returns or a change notice arrives); null when the
    /// failure is not transient and the loop waits for the next interval.</summary>
    public TimeSpan? RetryIn { get; init; }
}
