namespace FieldSync.Core.Realtime;

/// <summary>An <c>active_sync_sessions</c> row: a device, its user and its last heartbeat.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="UserId">The user now using the device.</param>
/// <param name="Collections">The collections the device follows; empty for all.</param>
/// <param name="LastHeartbeat">Server time of the last heartbeat.</param>
public sealed record SessionEntry(string DeviceId, string UserId, IReadOnlyList<string> Collections, DateTimeOffset LastHeartbeat);
