namespace FieldSync.Client.Wire;

/// <summary>The body of <c>POST /v1/sync/heartbeat</c>.</summary>
internal sealed record HeartbeatBody(string DeviceId, IReadOnlyList<string>? Collections);
