namespace FieldSync.Core.Configuration;

/// <summary>Realtime notification settings.</summary>
public sealed class RealtimeSettings
{
    /// <summary>A session whose last heartbeat is older than this is stale. Default: 300 seconds.</summary>
    public int HeartbeatWindowSeconds { get; init; } = 300;

    /// <summary>Collections whose changes notify devices; empty means every synced collection.</summary>
    public IReadOnlyList<string> NotifyCollections { get; init; } = [];

    /// <summary>Actions that notify: create, update, delete. Default: all three.</summary>
    public IReadOnlyList<string> NotifyActions { get; init; } = ["create", "update", "delete"];
}
