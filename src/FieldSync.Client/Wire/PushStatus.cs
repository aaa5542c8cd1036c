namespace FieldSync.Client.Wire;

/// <summary>The wire names of a pushed operation's status.</summary>
internal static class PushStatus
{
    public const string Applied = "applied";
    public const string ConflictResolved = "conflict_resolved";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
