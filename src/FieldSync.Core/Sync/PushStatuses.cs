namespace FieldSync.Core.Sync;

/// <summary>The wire names of a queued operation's status.</summary>
public static class PushStatuses
{
    /// <summary>Applied as sent.</summary>
    public const string Applied = "applied";
    /// <summary>An update that met a conflict and was resolved by the collection's strategy.</summary>
    public const string ConflictResolved = "conflict_resolved";
    /// <summary>Already processed for this device: the first result again, nothing applied twice.</summary>
    public const string Duplicate = "duplicate";
    /// <summary>Refused for good; the client drops it and tells its user.</summary>
    public const string Rejected = "rejected";
    /// <summary>A transient fault; send it again later.</summary>
    public const string Failed = "failed";
    /// <summary>Not attempted because an earlier operation failed retryably; send it again after that one.</summary>
    public const string Skipped = "skipped";
}
