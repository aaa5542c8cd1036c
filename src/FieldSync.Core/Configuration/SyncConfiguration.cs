namespace FieldSync.Core.Configuration;

/// <summary>The whole sync configuration, as read from <c>config/sync-configuration.json</c>.</summary>
public sealed class SyncConfiguration
{
    /// <summary>The collections, by name. A collection not named here is unknown to the server.</summary>
    public IReadOnlyDictionary<string, CollectionConfiguration> Collections { get; init; } =
        new Dictionary<string, CollectionConfiguration>();

    /// <summary>Pull paging limits.</summary>
    public PullLimits Pull { get; init; } = new();

    /// <summary>Push batch limits.</summary>
    public PushLimits Push { get; init; } = new();

    /// <summary>Request limits of the public HTTP API.</summary>
    public RequestLimits Requests { get; init; } = new();

    /// <summary>How far a client clock may run ahead of the server before its timestamps are clamped and the skew logged.</summary>
    public int MaxClockSkewSeconds { get; init; } = 120;

    /// <summary>Realtime notification settings.</summary>
    public RealtimeSettings Realtime { get; init; } = new();

    /// <summary>Health thresholds of the status monitor.</summary>
    public HealthThresholds Health { get; init; } = new();

    /// <summary>How long log rows are kept.</summary>
    public RetentionSettings Retention { get; init; } = new();

    /// <summary>The names of the log tables, as the original functions named their log collections.</summary>
    public IReadOnlyDictionary<string, string> LogCollections { get; init; } = new Dictionary<string, string>();

    /// <summary>Function ids of the Appwrite-compatible endpoint, by job; a job not named keeps its original id (<see cref="FunctionJobs"/>).</summary>
    public IReadOnlyDictionary<string, string> FunctionIds { get; init; } = new Dictionary<string, string>();

    /// <summary>Project id and server API key of the Appwrite-compatible endpoint.</summary>
    public AppwriteSettings Appwrite { get; init; } = new();

    /// <summary>The collections pulled when a device names none: those marked synced.</summary>
    public IEnumerable<string> SyncedCollections => Collections.Where(c => c.Value.Synced).Select(c => c.Key);
}
