namespace FieldSync.Core.Security;

/// <summary>What a user may do. Stored in the server's user table, never taken from a token.</summary>
public enum UserRole
{
    /// <summary>Reads and writes the documents of their facilities; sees the status of their own devices.</summary>
    HealthWorker,

    /// <summary>Like a health worker; sees the status of their whole facilities.</summary>
    FacilityAdmin,

    /// <summary>Sees and writes every facility; used by integrations and the realtime trigger.</summary>
    System,
}
