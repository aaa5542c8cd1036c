namespace FieldSync.Core.Storage;

/// <summary>A row of <c>queue_processing_log</c>: the summary of one push batch.</summary>
public sealed record QueueBatchEntry
{
    /// <summary>The client's batch id, or one the server made.</summary>
    public required string BatchId { get; init; }
    /// <summary>The device that pushed.</summary>
    public required string DeviceId { get; init; }
    /// <summary>The user who pushed.</summary>
    public required string UserId { get; init; }
    /// <summary>Operations in the batch.</summary>
    public int Processed { get; init; }
    /// <summary>Applied, resolved or duplicate.</summary>
    public int Succeeded { get; init; }
    /// <summary>Rejected, failed or skipped.</summary>
    public int Failed { get; init; }
    /// <summary>Failed retryably or skipped behind such a failure.</summary>
    public int Retryable { get; init; }
    /// <summary>Replays of operations already processed.</summary>
    public int Duplicates { get; init; }
    /// <summary>Updates that went through conflict resolution with a conflict.</summary>
    public int Conflicts { get; init; }
    /// <summary>Wall time of the batch.</summary>
    public long DurationMs { get; init; }
    /// <summary>Server time the batch started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
