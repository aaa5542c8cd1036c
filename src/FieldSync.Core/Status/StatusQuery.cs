namespace FieldSync.Core.Status;

/// <summary>The query of <c>GET /v1/sync/status</c>.</summary>
/// <param name="SinceMinutes">The window, in minutes back from now; default 60.</param>
/// <param name="DeviceId">Only this device.</param>
/// <param name="UserId">Only this user.</param>
/// <param name="FacilityId">Only this facility.</param>
public sealed record StatusQuery(int? SinceMinutes, string? DeviceId, string? UserId, string? FacilityId);
