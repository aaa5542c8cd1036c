namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/sync/pull</c>.</summary>
public sealed record PullRequest
{
    /// <summary>The pulling device. Required.</summary>
    public string? DeviceId { get; init; }
    /// <summary>Accepted for compatibility; must equal the token's user when given.</summary>
    public string? UserId { get; init; }
    /// <summary>The collections to pull; default every synced collection.</summary>
    public IReadOnlyList<string>? Collections { get; init; }
    /// <summary>The checkpoint of the previous response; null for the start.</summary>
    public string? Checkpoint { get; init; }
    /// <summary>Another name for <see cref="Checkpoint"/>, kept for the original function's clients.</summary>
    public string? PageCursor { get; init; }
    /// <summary>For clients that keep only a time: changes after it. Ignored when a checkpoint is given.</summary>
    public DateTimeOffset? LastSyncTimestamp { get; init; }
    /// <summary>Documents per page; default and maximum from the configuration.</summary>
    public int? PageLimit { get; init; }
    /// <summary>Pages in this response; default 1.</summary>
    public int? MaxPages { get; init; }
    /// <summary>Wrap the response as gzip+base64.</summary>
    public bool Compress { get; init; }
}
