using FieldSync.Core.Security;

namespace FieldSync.Core.Realtime;

/// <summary>Which notifications of a device to list.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="UserId">Only notifications made for this user.</param>
/// <param name="Scope">Only notifications of facilities in this scope (the caller's membership now).</param>
/// <param name="PendingOnly">Only those not yet acknowledged.</param>
/// <param name="Limit">The most to return.</param>
public sealed record NotificationQuery(string DeviceId, string UserId, FacilityScope Scope, bool PendingOnly, int Limit);
