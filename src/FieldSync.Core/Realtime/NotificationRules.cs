using FieldSync.Core.Configuration;

namespace FieldSync.Core.Realtime;

/// <summary>Which changes notify devices, by the configuration's <c>realtime</c> section.</summary>
public static class NotificationRules
{
    /// <summary>
    /// Whether a change of <paramref name="collection"/> by <paramref name="action"/> notifies: the collection is listed in
    /// <c>notifyCollections</c> (or, with none listed, is synced) and the action is in <c>notifyActions</c>.
    /// </summary>
    public static bool Notifies(SyncConfiguration configuration, string collection, string action)
    {
        var realtime = configuration.Realtime;
        var collectionNotifies = realtime.NotifyCollections.Count == 0
            ? configuration.Collections.TryGetValue(collection, out var c) && c.Synced
            : realtime.NotifyCollections.Contains(collection);
        return collectionNotifies && realtime.NotifyActions.Contains(action);
    }
}
