using System.Globalization;
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
