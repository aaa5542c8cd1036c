using System.Text.Json.Nodes;
using FieldSync.Core.Contracts;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;

namespace FieldSync.Server.Demo;

/// <summary>
/// A morning of sync on the demo clinics, played through the real services so the status monitor has something to
/// say on a newcomer's first call: device sessions (one stale), pulls, a push, two conflicts and their notifications.
/// </summary>
internal static class DemoActivity
{
    public static async Task PlayAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISyncStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await store.SaveSessionAsync(new SessionEntry("tab-kano-01", "nurse-amina", [], now), cancellationToken);
        await store.SaveSessionAsync(new SessionEntry("desk-kano-01", "admin-kano", [], now), cancellationToken);
        await store.SaveSessionAsync(new SessionEntry("tab-ibadan-01", "nurse-chidi", [], now), cancellationToken);
        await store.SaveSessionAsync(new SessionEntry("tab-ibadan-02", "nurse-chidi", [], now.AddHours(-3)), cancellationToken);

        var amina = Caller(DemoData.Users[0]);
        await PullAsync(services, amina, "tab-kano-01", cancellationToken);
        await PullAsync(services, Caller(DemoData.Users[1]), "tab-ibadan-01", cancellationToken);

        await services.GetRequiredService<PushService>().PushAsync(amina, new PushRequest
        {
            DeviceId = "tab-kano-01",
            BatchId = "demo-morning",
            QueuedOperations =
            [
                new QueuedOperation
                {
                    OpId = "demo-op-1", Type = "update", Collection = "patients", DocumentId = "pat-kano-0002", BaseVersion = 1,
                    Data = new JsonObject { ["guardian_name"] = "Hadiza Abdullahi", ["guardian_phone"] = "+234 803 555 0102" },
                },
            ],
        }, cancellationToken);

        // A second tablet still holds version 1 of the same patient and of a dose record: two conflicts.
        var resolve = services.GetRequiredService<ResolveService>();
        await resolve.ResolveAsync(amina, new ResolveRequest
        {
            DeviceId = "tab-kano-02", Collection = "patients", DocumentId = "pat-kano-0002", BaseVersion = 1,
            ClientData = new JsonObject { ["guardian_name"] = "Hadiza A.", ["phone"] = "+234 803 555 0177" },
        }, cancellationToken);
        await resolve.ResolveAsync(amina, new ResolveRequest
        {
            DeviceId = "tab-kano-02", Collection = "patients", DocumentId = "pat-kano-0001", BaseVersion = 0,
            ClientData = new JsonObject { ["guardian_name"] = "Ngozi Okafor" },
        }, cancellationToken);
    }

    private static async Task PullAsync(IServiceProvider services, SyncCaller caller, string deviceId, CancellationToken cancellationToken)
    {
        await using var pull = await services.GetRequiredService<PullService>().OpenAsync(caller,
            new PullRequest { DeviceId = deviceId, MaxPages = 10 }, cancellationToken);
        await foreach (var _ in pull.ReadAsync(cancellationToken))
        {
            // A device would store these; the demo only needs the pull recorded.
        }

        await pull.CompleteAsync(null, cancellationToken);
    }

    private static SyncCaller Caller(SyncUser user) => SyncCaller.For(user);
}
