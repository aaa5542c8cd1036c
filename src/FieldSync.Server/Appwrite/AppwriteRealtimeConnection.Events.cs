using System.Diagnostics;
using System.Text.Json.Nodes;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Server.Realtime;

namespace FieldSync.Server.Appwrite;

public sealed partial class AppwriteRealtimeConnection
{
    // Sends the hub's notifications as events, acknowledges them (they reached the device), and refreshes the session.
    private async Task PumpAsync(LiveConnection live, SyncCaller caller, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var refresh = TimeSpan.FromSeconds(Math.Max(1, configuration.Realtime.HeartbeatWindowSeconds / 3));
        var sinceHeartbeat = Stopwatch.StartNew();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, live.Closed);
        try
        {
            while (!linked.IsCancellationRequested)
            {
                if (sinceHeartbeat.Elapsed >= refresh)
                {
                    await RefreshAsync(live, caller, linked.Token);
                    sinceHeartbeat.Restart();
                }

                using var idle = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                idle.CancelAfter(refresh);
                try
                {
                    if (!await live.Messages.WaitToReadAsync(idle.Token))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!linked.IsCancellationRequested)
                {
                    continue;
                }

                await DeliverAsync(live, caller, linked.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Closed.
        }

        // The hub drops a connection that falls too far behind: close the socket, the SDK reconnects and the device pulls.
        if (ReferenceEquals(_live, live) && !cancellationToken.IsCancellationRequested)
        {
            await _closing.CancelAsync();
        }
    }

    private async Task DeliverAsync(LiveConnection live, SyncCaller caller, CancellationToken cancellationToken)
    {
        var delivered = new List<long>();
        while (live.Messages.TryRead(out var change))
        {
            if (EventOf(change) is { } frame)
            {
                await SendAsync(frame, cancellationToken);
            }

            delivered.Add(change.Id);
        }

        try
        {
            await realtime.AcknowledgeAsync(caller, new AcknowledgeRequest { DeviceId = live.DeviceId, Ids = delivered }, cancellationToken);
        }
        catch (Exception e) when (e is StorageException or SyncRequestException)
        {
            AppwriteLog.RealtimeHeartbeatFailed(logger, live.DeviceId, e.Message);
        }
    }

    private async Task RefreshAsync(LiveConnection live, SyncCaller caller, CancellationToken cancellationToken)
    {
        try
        {
            await realtime.HeartbeatAsync(caller, new HeartbeatRequest { DeviceId = live.DeviceId }, cancellationToken);
        }
        catch (Exception e) when (e is StorageException or SyncRequestException)
        {
            AppwriteLog.RealtimeHeartbeatFailed(logger, live.DeviceId, e.Message);
        }
    }

    private JsonObject? EventOf(NotificationMessage change)
    {
        var matched = new List<string>();
        var databases = new List<string>();
        lock (_lock)
        {
            foreach (var subscription in _subscriptions.Values)
            {
                foreach (var channel in subscription.Channels)
                {
                    if (RealtimeChannels.Matches(channel, change, out var named))
                    {
                        matched.Add(subscription.Id);
                        databases.Add(named);
                        break;
                    }
                }
            }
        }

        if (matched.Count == 0)
        {
            return null;
        }

        var database = databases.FirstOrDefault(d => d != RealtimeChannels.DefaultDatabase) ?? RealtimeChannels.DefaultDatabase;
        var facilityField = configuration.Collections.TryGetValue(change.Collection, out var c) ? c.FacilityField : "facility_id";
        return new JsonObject
        {
            ["type"] = "event",
            ["data"] = new JsonObject
            {
                ["events"] = RealtimeChannels.EventsOf(change, database),
                ["channels"] = RealtimeChannels.ChannelsOf(change, databases),
                ["timestamp"] = ExecutionJson.Time(change.CreatedAt),
                // A poke, not the document: the device pulls from its checkpoint, so it never misses or doubles a change.
                ["payload"] = new JsonObject
                {
                    ["$id"] = change.DocumentId,
                    ["$collectionId"] = change.Collection,
                    ["$databaseId"] = database,
                    ["$updatedAt"] = ExecutionJson.Time(change.CreatedAt),
                    ["$permissions"] = new JsonArray(),
                    ["$version"] = change.Version,
                    [facilityField] = change.FacilityId,
                    ["action"] = change.Action,
                    ["checkpoint"] = change.Checkpoint,
                },
                ["subscriptions"] = new JsonArray([.. matched.Select(id => (JsonNode)id)]),
            },
        };
    }

    private JsonObject Connected(IReadOnlyList<RealtimeSubscription> urlSubscriptions)
    {
        var slots = new JsonObject();
        foreach (var subscription in urlSubscriptions)
        {
            slots[subscription.Slot ?? subscription.Id] = subscription.Id;
        }

        return new JsonObject
        {
            ["type"] = "connected",
            ["data"] = new JsonObject
            {
                ["channels"] = new JsonArray([.. urlSubscriptions.SelectMany(s => s.Channels).Distinct().Select(c => (JsonNode)c)]),
                ["subscriptions"] = urlSubscriptions.Count == 0 ? new JsonArray() : slots,
                ["user"] = _caller is null ? null : Account(_caller),
            },
        };
    }

    private static JsonObject Response(string to, JsonObject data)
    {
        data["to"] = to;
        data["success"] = true;
        return new JsonObject { ["type"] = "response", ["data"] = data };
    }

    private static JsonObject Error(int code, string message) =>
        new() { ["type"] = "error", ["data"] = new JsonObject { ["code"] = code, ["message"] = message } };

    // The Account model as far as FieldSync knows the user: id and role (as a label).
    private static JsonObject Account(SyncCaller caller) => new()
    {
        ["$id"] = caller.UserId,
        ["name"] = caller.UserId,
        ["status"] = true,
        ["labels"] = new JsonArray(UserRoles.ToName(caller.Role)),
        ["email"] = "",
        ["phone"] = "",
        ["emailVerification"] = false,
        ["phoneVerification"] = false,
        ["mfa"] = false,
        ["prefs"] = new JsonObject(),
        ["targets"] = new JsonArray(),
    };
}
