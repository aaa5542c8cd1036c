namespace FieldSync.Core.Sync;

/// <summary>The wire names of resolutions.</summary>
public static class Resolutions
{
    /// <summary>The document did not exist and was created.</summary>
    public const string Created = "created";
    /// <summary>The client edited the current version (or was newer): its change applied as it was.</summary>
    public const string NoConflict = "no_conflict";
    /// <summary>A conflict settled wholly for the client.</summary>
    public const string AppliedClient = "applied_client";
    /// <summary>A conflict settled wholly for the server: nothing changed.</summary>
    public const string KeptServer = "kept_server";
    /// <summary>A conflict settled field by field, with changes of both sides in the result.</summary>
    public const string Merged = "merged";
}
