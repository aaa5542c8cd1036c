namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/sync/heartbeat</c>.</summary>
public sealed record HeartbeatRequest
{
    /// <summary>The device. Required.</summary>
    public string? DeviceId { get; init; }
    /// <summary>The collections the device follows; default all synced ones.</summary>
    public IReadOnlyList<string>? Collections { get; init; }
    /// <summary>Accepted for compatibility; must equal the token's user when given.</summary>
    public string? UserId { get; init; }
}
