using FieldSync.Core.Realtime;

namespace FieldSync.Storage.Postgres;

/// <summary>Which changes notify, and how long a session stays active: the realtime settings the listener needs.</summary>
/// <param name="HeartbeatWindowSeconds">A session without a heartbeat for longer is stale.</param>
/// <param name="Notifies">Whether a change notifies at all (its collection and action are configured to).</param>
public sealed record NotificationWindow(int HeartbeatWindowSeconds, Func<DocumentChange, bool> Notifies);
