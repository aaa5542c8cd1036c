namespace FieldSync.Core.Configuration;

/// <summary>The six jobs of the Appwrite-compatible endpoint and the original function id of each.</summary>
public static class FunctionJobs
{
    /// <summary>Incremental pull.</summary>
    public const string Pull = "pull";
    /// <summary>Conflict resolution of one document.</summary>
    public const string Resolve = "resolve";
    /// <summary>Offline queue push.</summary>
    public const string Push = "push";
    /// <summary>Notifications of one document change (system callers only).</summary>
    public const string Realtime = "realtime";
    /// <summary>Validation and upsert.</summary>
    public const string Validate = "validate";
    /// <summary>Sync status monitor.</summary>
    public const string Status = "status";

    /// <summary>The original function ids, by job: used for every job that <c>functionIds</c> does not name.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Pull] = "incremental-data-sync",
        [Resolve] = "conflict-resolution",
        [Push] = "offline-queue-processor",
        [Realtime] = "real-time-sync-trigger",
        [Validate] = "data-validation",
        [Status] = "sync-status-monitor",
    };

    /// <summary>The function id of every job: the configured one, else the original.</summary>
    public static IReadOnlyDictionary<string, string> IdsOf(SyncConfiguration configuration) =>
        Defaults.ToDictionary(d => d.Key, d => configuration.FunctionIds.TryGetValue(d.Key, out var id) ? id : d.Value, StringComparer.Ordinal);
}
