namespace FieldSync.Core.Realtime;

/// <summary>A <c>realtime_notifications</c> row: a change message put on one live connection.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="UserId">The connection's user.</param>
/// <param name="Channel"><c>sse</c>, <c>websocket</c> or <c>appwrite</c>.</param>
/// <param name="Change">The change.</param>
/// <param name="CreatedAt">When the message was queued on the connection.</param>
public sealed record RealtimeDelivery(string DeviceId, string UserId, string Channel, DocumentChange Change, DateTimeOffset CreatedAt);
