namespace FieldSync.Core.Realtime;

/// <summary>A <c>sync_notifications</c> row: one device told of one change.</summary>
/// <param name="Id">The row id; devices acknowledge by it.</param>
/// <param name="DeviceId">The device.</param>
/// <param name="UserId">The user of the device's session when the change committed.</param>
/// <param name="Change">The change.</param>
/// <param name="CreatedAt">When the notification was made.</param>
/// <param name="DeliveredAt">When the device acknowledged it, or null while pending.</param>
public sealed record PendingNotification(
    long Id, string DeviceId, string UserId, DocumentChange Change, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
