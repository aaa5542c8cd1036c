namespace FieldSync.Core.Storage;

/// <summary>A row of <c>sync_operations</c>: one pull.</summary>
public sealed record SyncOperationEntry
{
    /// <summary>The device that pulled.</summary>
    public required string DeviceId { get; init; }
    /// <summary>The user who pulled.</summary>
    public required string UserId { get; init; }
    /// <summary>The kind of operation: <c>pull</c>.</summary>
    public required string Operation { get; init; }
    /// <summary>The collections read, comma-separated.</summary>
    public required string Collections { get; init; }
    /// <summary><c>success</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    /// <summary>Documents sent.</summary>
    public int DocumentsSent { get; init; }
    /// <summary>Deletions sent.</summary>
    public int DeletionsSent { get; init; }
    /// <summary>The sequence the pull started after.</summary>
    public long CheckpointFrom { get; init; }
    /// <summary>The sequence of the returned checkpoint.</summary>
    public long CheckpointTo { get; init; }
    /// <summary>Wall time of the pull.</summary>
    public long DurationMs { get; init; }
    /// <summary>Why it failed, if it did; never document data.</summary>
    public string? Error { get; init; }
    /// <summary>Server time the pull started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
