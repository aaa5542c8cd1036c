namespace FieldSync.Core.Sync;

/// <summary>How a single write ended.</summary>
public enum WriteStatus
{
    /// <summary>Applied as sent.</summary>
    Applied,
    /// <summary>Went through conflict resolution with a conflict.</summary>
    ConflictResolved,
    /// <summary>Refused for good: validation, permission, unknown document.</summary>
    Rejected,
}
