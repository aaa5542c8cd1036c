namespace FieldSync.Core.Configuration;

/// <summary>Request limits of the public HTTP API.</summary>
public sealed class RequestLimits
{
    /// <summary>The largest request body in bytes. Default: 8 MiB.</summary>
    public long MaxBodyBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Requests one user may make per minute. Default: 600.</summary>
    public int PerUserPerMinute { get; init; } = 600;

    /// <summary>The most documents one validate request may carry. Default: 500.</summary>
    public int MaxValidateDocuments { get; init; } = 500;
}
