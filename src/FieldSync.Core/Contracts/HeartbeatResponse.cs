namespace FieldSync.Core.Contracts;

/// <summary>The answer to a heartbeat: until when the session counts as active without another one.</summary>
public sealed record HeartbeatResponse(string DeviceId, DateTimeOffset ActiveUntil, int HeartbeatWindowSeconds);
