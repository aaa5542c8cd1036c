namespace FieldSync.Core.Configuration;

/// <summary>Settings of the Appwrite-compatible endpoint (<c>/v1/functions</c>, <c>/v1/realtime</c>).</summary>
public sealed class AppwriteSettings
{
    /// <summary>The project id the Appwrite SDKs must send (<c>X-Appwrite-Project</c>). Default: <c>fieldsync</c>.</summary>
    public string ProjectId { get; init; } = "fieldsync";

    /// <summary>
    /// The server API key that <c>X-Appwrite-Key</c> must carry for a <c>system</c> caller; at least 32 characters.
    /// Default: none (no key is accepted). The environment variable <c>FIELDSYNC_APPWRITE_KEY</c>, when set, takes its place,
    /// so the secret need not sit in the configuration file.
    /// </summary>
    public string? ApiKey { get; init; }
}
