namespace FieldSync.Core.Configuration;

/// <summary>How a collection settles an update made from a version the server has since moved past.</summary>
public enum ConflictStrategy
{
    /// <summary>The server's document stays as it is; the client's change is logged and dropped.</summary>
    ServerWins,

    /// <summary>The client's changed fields overwrite the server's.</summary>
    ClientWins,

    /// <summary>Three-way merge; a field changed on both sides keeps the server's value.</summary>
    MergeWithServerPriority,

    /// <summary>Three-way merge; a field changed on both sides takes the client's value.</summary>
    MergeWithClientPriority,

    /// <summary>Each field goes to the side whose edit of that field is newer (server clock, clamped client time).</summary>
    FieldLevelMerge,
}
