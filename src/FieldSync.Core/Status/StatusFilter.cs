namespace FieldSync.Core.Status;

/// <summary>The rows of the logs that a status report counts.</summary>
/// <param name="From">Start of the window (inclusive).</param>
/// <param name="To">End of the window.</param>
/// <param name="DeviceId">Only this device, if set.</param>
/// <param name="UserId">Only this user, if set.</param>
/// <param name="FacilityIds">
/// Only these facilities, if set: rows that carry a facility by it, rows of devices and users (pulls, pushes,
/// sessions) by the user's membership.
/// </param>
/// <param name="ActiveSince">Sessions with a heartbeat at or after this are active, older ones stale.</param>
public sealed record StatusFilter(
    DateTimeOffset From, DateTimeOffset To, string? DeviceId, string? UserId, IReadOnlyList<string>? FacilityIds, DateTimeOffset ActiveSince);
