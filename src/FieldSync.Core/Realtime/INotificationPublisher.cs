namespace FieldSync.Core.Realtime;

/// <summary>
/// Receives the notifications of each committed transaction, after the commit, to pass them to live connections.
/// Called on the committing path: implementations must return at once and never block.
/// </summary>
public interface INotificationPublisher
{
    /// <summary>Hands over the notifications a transaction committed.</summary>
    void Publish(IReadOnlyList<PendingNotification> notifications);
}
