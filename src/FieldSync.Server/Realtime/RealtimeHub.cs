using System.Collections.Concurrent;
using FieldSync.Core.Realtime;

namespace FieldSync.Server.Realtime;

/// <summary>
/// The live connections of this server instance, by device. Committed notifications arrive here (already scoped to the
/// users who may see them, by the storage, at commit time) and go onto the queues of the matching connections.
/// Publishing never waits on a connection.
/// </summary>
public sealed class RealtimeHub(RealtimeDeliveryLog deliveryLog, TimeProvider clock, ILogger<RealtimeHub> logger) : INotificationPublisher
{
    /// <summary>Messages a connection may have queued before it is dropped as too slow.</summary>
    public const int QueueCapacity = 256;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<LiveConnection, byte>> _byDevice = new(StringComparer.Ordinal);

    /// <summary>Open connections on this instance.</summary>
    public int Count => _byDevice.Values.Sum(c => c.Count);

    /// <summary>Registers a connection; dispose the result to unregister it.</summary>
    public LiveConnection Connect(string deviceId, string userId, string channel)
    {
        var connection = new LiveConnection(deviceId, userId, channel, QueueCapacity);
        _byDevice.GetOrAdd(deviceId, _ => new()).TryAdd(connection, 0);
        return connection;
    }

    /// <summary>Unregisters a connection.</summary>
    public void Disconnect(LiveConnection connection)
    {
        if (_byDevice.TryGetValue(connection.DeviceId, out var connections))
        {
            connections.TryRemove(connection, out _);
        }

        connection.Close();
    }

    /// <inheritdoc />
    public void Publish(IReadOnlyList<PendingNotification> notifications)
    {
        var now = clock.GetUtcNow();
        foreach (var notification in notifications)
        {
            if (!_byDevice.TryGetValue(notification.DeviceId, out var connections))
            {
                continue;
            }

            foreach (var connection in connections.Keys)
            {
                // The row names the user the device's session had at commit; another user's connection hears nothing.
                if (connection.UserId != notification.UserId)
                {
                    continue;
                }

                if (connection.TryEnqueue(RealtimeService.ToMessage(notification)))
                {
                    deliveryLog.Add(new RealtimeDelivery(connection.DeviceId, connection.UserId, connection.Channel, notification.Change, now));
                }
                else
                {
                    ServerLog.SlowConnectionDropped(logger, connection.DeviceId, connection.Channel);
                    Disconnect(connection);
                }
            }
        }
    }
}
