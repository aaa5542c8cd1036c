namespace FieldSync.Core.Contracts;

/// <summary>Notification figures of a status report: pending, acknowledged, and messages sent on live connections.</summary>
public sealed record NotificationFigures(long Pending, long Delivered, long RealtimeMessages);
