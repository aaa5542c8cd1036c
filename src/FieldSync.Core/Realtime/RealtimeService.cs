using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Realtime;

/// <summary>Device sessions and their stored notifications: heartbeat, list, acknowledge.</summary>
public sealed class RealtimeService(ISyncStore store, SyncConfiguration configuration, TimeProvider clock)
{
    /// <summary>The most notifications one list returns.</summary>
    public const int MaxListed = 1000;

    /// <summary>Registers or refreshes the device's session.</summary>
    /// <exception cref="SyncRequestException">The request is malformed.</exception>
    public async Task<HeartbeatResponse> HeartbeatAsync(SyncCaller caller, HeartbeatRequest request, CancellationToken cancellationToken)
    {
        RequestGuards.CheckUser(caller, request.UserId);
        var deviceId = RequestGuards.RequireDevice(request.DeviceId);
        var collections = request.Collections ?? [];
        for (var i = 0; i < collections.Count; i++)
        {
            RequestGuards.RequireCollection(configuration, collections[i], $"collections[{i}]");
        }

        var now = clock.GetUtcNow();
        await store.SaveSessionAsync(new SessionEntry(deviceId, caller.UserId, [.. collections.Distinct(StringComparer.Ordinal)], now),
            cancellationToken);
        var window = configuration.Realtime.HeartbeatWindowSeconds;
        return new HeartbeatResponse(deviceId, now.AddSeconds(window), window);
    }

    /// <summary>The device's notifications for the caller, restricted to the caller's facilities as of now.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> ListAsync(SyncCaller caller, string? deviceId, bool pendingOnly,
        CancellationToken cancellationToken)
    {
        var device = RequestGuards.RequireDevice(deviceId);
        var rows = await store.ListNotificationsAsync(
            new NotificationQuery(device, caller.UserId, caller.Scope, pendingOnly, MaxListed), cancellationToken);
        return [.. rows.Select(ToMessage)];
    }

    /// <summary>Marks notifications of the device delivered; returns how many changed.</summary>
    public async Task<int> AcknowledgeAsync(SyncCaller caller, AcknowledgeRequest request, CancellationToken cancellationToken)
    {
        var device = RequestGuards.RequireDevice(request.DeviceId);
        var ids = request.Ids ?? throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "ids", "required",
            "ids is required (the notification ids to acknowledge).");
        if (ids.Count > MaxListed)
        {
            throw SyncRequestException.ForField(ErrorCodes.PayloadTooLarge, "ids", "maxItems", $"At most {MaxListed} ids per request.");
        }

        return ids.Count == 0 ? 0 : await store.AcknowledgeNotificationsAsync(device, caller.UserId, ids, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The wire form of a notification.</summary>
    public static NotificationMessage ToMessage(PendingNotification n) => new("change", n.Id, n.Change.Collection, n.Change.DocumentId,
        n.Change.FacilityId, n.Change.Action, n.Change.Version, Checkpoint.Encode(n.Change.Sequence), n.CreatedAt, n.DeliveredAt);
}
