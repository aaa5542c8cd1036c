using System.Globalization;
using FieldSync.Core.Realtime;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Appended_sync_operation_is_stored()
    {
        var entry = new SyncOperationEntry
        {
            DeviceId = "device-1",
            UserId = "nurse-1",
            Operation = "pull",
            Collections = "patients,immunizations",
            Status = "success",
            DocumentsSent = 12,
            DeletionsSent = 2,
            CheckpointFrom = 5,
            CheckpointTo = 19,
            DurationMs = 40,
            CreatedAt = T0,
        };

        await Store.AppendSyncOperationAsync(entry, Token);
        await Store.AppendSyncOperationAsync(entry with { DeviceId = "device-2", Status = "failed", Error = "storage busy" }, Token);

        var rows = await ReadTableAsync("sync_operations");
        Assert.Equal(
            [("device-1", "success", null, 12L, 19L), ("device-2", "failed", "storage busy", 12L, 19L)],
            rows.Select(r => ((string?)r["device_id"], (string?)r["status"], r["error"] as string, Integer(r["documents_sent"]),
                Integer(r["checkpoint_to"]))).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Appended_queue_batch_is_stored()
    {
        var entry = new QueueBatchEntry
        {
            BatchId = "batch-1",
            DeviceId = "device-1",
            UserId = "nurse-1",
            Processed = 5,
            Succeeded = 3,
            Failed = 2,
            Retryable = 1,
            Duplicates = 1,
            Conflicts = 1,
            DurationMs = 25,
            CreatedAt = T0,
        };

        await Store.AppendQueueBatchAsync(entry, Token);

        var row = Assert.Single(await ReadTableAsync("queue_processing_log"));
        Assert.Equal(("batch-1", "device-1", "nurse-1"), ((string?)row["batch_id"], (string?)row["device_id"], (string?)row["user_id"]));
        Assert.Equal(
            [5L, 3L, 2L, 1L, 1L, 1L],
            new[] { "processed", "succeeded", "failed", "retryable", "duplicates", "conflicts" }.Select(c => Integer(row[c])));
    }

    [Fact]
    public async Task Every_realtime_delivery_of_a_large_batch_is_stored_with_its_change()
    {
        // More rows than one insert statement carries, and a last statement that is not full.
        var deliveries = Enumerable.Range(0, 450).Select(i => new RealtimeDelivery($"tab-{i:D3}", $"nurse-{i % 7}",
            i % 2 == 0 ? "sse" : "websocket", new DocumentChange(Patients, $"p{i % 3}", "fac-1", "update", i + 1, 1000 + i),
            T0.AddMilliseconds(i))).ToList();

        await Store.AppendRealtimeDeliveriesAsync(deliveries, Token);

        var rows = await ReadTableAsync("realtime_notifications");
        Assert.Equal(
            deliveries.Select(d => (d.DeviceId, d.UserId, d.Channel, d.Change.DocumentId, d.Change.Sequence)),
            rows.Select(r => ((string)r["device_id"]!, (string)r["user_id"]!, (string)r["channel"]!, (string)r["document_id"]!,
                Integer(r["seq"]))).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Log_appends_add_no_document_change()
    {
        var before = (await CommitAsync(Document(Patients, "p1")))[0];

        await Store.AppendQueueBatchAsync(new QueueBatchEntry { BatchId = "b", DeviceId = "d", UserId = "u", CreatedAt = T0 }, Token);
        await Store.AppendSyncOperationAsync(new SyncOperationEntry
        {
            DeviceId = "d", UserId = "u", Operation = "pull", Collections = Patients, Status = "success", CreatedAt = T0,
        }, Token);

        await using var reader = await Store.OpenChangeReaderAsync(Token);
        var changes = await ReadAllAsync(reader, Everything(Patients, Immunizations, Notifications) with { AfterSequence = before.Sequence });
        Assert.Empty(changes);
    }

    private static long Integer(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
