namespace FieldSync.Server.Appwrite;

/// <summary>The paths the Appwrite-compatible endpoint answers.</summary>
public static class AppwritePaths
{
    /// <summary>Function executions.</summary>
    public static readonly PathString Functions = "/v1/functions";

    /// <summary>Appwrite Realtime.</summary>
    public static readonly PathString Realtime = "/v1/realtime";

    /// <summary>Whether a request is for the Appwrite-compatible endpoint.</summary>
    public static bool Matches(PathString path) =>
        path.StartsWithSegments(Functions, StringComparison.Ordinal) || path.StartsWithSegments(Realtime, StringComparison.Ordinal);
}
