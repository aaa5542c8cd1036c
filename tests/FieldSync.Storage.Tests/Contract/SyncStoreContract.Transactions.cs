using System.Collections.Concurrent;
using System.Text;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Transaction_disposed_without_commit_leaves_nothing()
    {
        await using (var transaction = await Store.BeginAsync(Token))
        {
            await WriteEverythingAsync(transaction);
        }

        Assert.Null(await GetCommittedAsync(Patients, "p1"));
        Assert.Empty(await ReadChangesAsync(Everything(Patients)));
        Assert.Empty(await ReadTableAsync("conflict_log"));
        Assert.Empty(await ReadTableAsync("deletion_log"));
        await using var next = await Store.BeginAsync(Token);
        Assert.Null(await next.GetAsync(Patients, "p1", Token));
        Assert.Null(await next.FindProcessedOperationAsync("device-1", "op-1", Token));
    }

    [Fact]
    public async Task Committed_transaction_makes_every_write_visible()
    {
        await using (var transaction = await Store.BeginAsync(Token))
        {
            await WriteEverythingAsync(transaction);
            await transaction.CommitAsync(Token);
        }

        Assert.NotNull(await GetCommittedAsync(Patients, "p1"));
        Assert.Equal(["p1"], Ids(await ReadChangesAsync(Everything(Patients))));
        var conflict = Assert.Single(await ReadTableAsync("conflict_log"));
        Assert.Equal(("conflict-1", "p1"), ((string?)conflict["id"], (string?)conflict["document_id"]));
        var deletion = Assert.Single(await ReadTableAsync("deletion_log"));
        Assert.Equal(("p0", "user-1"), ((string?)deletion["document_id"], (string?)deletion["deleted_by"]));
        await using var next = await Store.BeginAsync(Token);
        Assert.Equal("""{"status":"applied"}""", await next.FindProcessedOperationAsync("device-1", "op-1", Token));
    }

    [Fact]
    public async Task Committed_document_is_read_by_a_new_store_over_the_same_database()
    {
        var saved = (await CommitAsync(Document(Patients, "p1")))[0];

        var restarted = await CreateStoreAsync();
        await restarted.InitializeAsync(Token);

        await using var reader = await restarted.OpenChangeReaderAsync(Token);
        AssertSameDocument(saved, await reader.GetAsync(Patients, "p1", Token));
    }

    [Fact]
    public async Task Processed_operation_is_found_by_its_device_and_key()
    {
        await using (var transaction = await Store.BeginAsync(Token))
        {
            Assert.Null(await transaction.FindProcessedOperationAsync("device-1", "op-1", Token));
            await transaction.RecordProcessedOperationAsync("device-1", "op-1", """{"status":"applied","version":1}""", Token);
            await transaction.CommitAsync(Token);
        }

        await using var next = await Store.BeginAsync(Token);
        Assert.Equal("""{"status":"applied","version":1}""", await next.FindProcessedOperationAsync("device-1", "op-1", Token));
        Assert.Null(await next.FindProcessedOperationAsync("device-1", "op-2", Token));
    }

    [Fact]
    public async Task Same_operation_key_on_another_device_is_a_separate_operation()
    {
        await using (var transaction = await Store.BeginAsync(Token))
        {
            await transaction.RecordProcessedOperationAsync("device-1", "op-1", """{"status":"applied"}""", Token);
            Assert.Null(await transaction.FindProcessedOperationAsync("device-2", "op-1", Token));
            await transaction.RecordProcessedOperationAsync("device-2", "op-1", """{"status":"rejected"}""", Token);
            await transaction.CommitAsync(Token);
        }

        await using var next = await Store.BeginAsync(Token);
        Assert.Equal("""{"status":"applied"}""", await next.FindProcessedOperationAsync("device-1", "op-1", Token));
        Assert.Equal("""{"status":"rejected"}""", await next.FindProcessedOperationAsync("device-2", "op-1", Token));
    }

    [Fact]
    public async Task Processed_operations_of_a_batch_are_found_in_one_call_by_device_and_key()
    {
        await using (var transaction = await Store.BeginAsync(Token))
        {
            await transaction.RecordProcessedOperationAsync("device-1", "op-1", """{"status":"applied"}""", Token);
            var utf8 = Encoding.UTF8.GetBytes("""{"status":"rejected","by":"Amïna"}""");
            await transaction.RecordProcessedOperationAsync("device-1", "op-2", utf8, Token);
            await transaction.RecordProcessedOperationAsync("device-2", "op-3", """{"status":"applied"}""", Token);
            await transaction.CommitAsync(Token);
        }

        await using var next = await Store.BeginAsync(Token);
        var found = await next.FindProcessedOperationsAsync("device-1", ["op-1", "op-2", "op-3", "op-1"], Token);
        Assert.Equal(2, found.Count);
        Assert.Equal("""{"status":"applied"}""", found["op-1"]);
        Assert.Equal("""{"status":"rejected","by":"Amïna"}""", found["op-2"]);
        Assert.Equal("""{"status":"rejected","by":"Amïna"}""", await next.FindProcessedOperationAsync("device-1", "op-2", Token));
    }

    [Fact]
    public async Task A_second_writer_of_a_document_reads_it_only_after_the_first_commits()
    {
        await CommitAsync(Document(Patients, "counter"));
        var events = new ConcurrentQueue<string>();
        var secondCalling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<long?> second;
        await using (var first = await Store.BeginAsync(Token))
        {
            var seenByFirst = await first.GetAsync(Patients, "counter", Token);
            second = Task.Run(async () =>
            {
                secondCalling.SetResult();
                await using var transaction = await Store.BeginAsync(Token);
                var seen = await transaction.GetAsync(Patients, "counter", Token);
                events.Enqueue("second read");
                secondRead.SetResult();
                await transaction.SaveAsync(NextVersion(seen!), Token);
                await transaction.CommitAsync(Token);
                return seen?.Version;
            });
            await GiveSecondWriterItsChanceAsync(secondCalling.Task, secondRead.Task);
            await first.SaveAsync(NextVersion(seenByFirst!), Token);
            events.Enqueue("first committing");
            await first.CommitAsync(Token);
        }

        var versionSeenBySecond = await second;

        // No lost update: the second writer read the first one's version, so the two changes made versions 2 and 3.
        Assert.Equal(["first committing", "second read"], events);
        Assert.Equal(2, versionSeenBySecond);
        Assert.Equal(3, (await GetCommittedAsync(Patients, "counter"))?.Version);
    }

    [Fact]
    public async Task A_rolled_back_write_is_never_seen_by_another_writer()
    {
        Task<bool> second;
        await using (var first = await Store.BeginAsync(Token))
        {
            await first.SaveAsync(Document(Patients, "p1"), Token);
            second = Task.Run(async () =>
            {
                await using var transaction = await Store.BeginAsync(Token);
                var exists = await transaction.GetAsync(Patients, "p1", Token) is not null;
                await transaction.SaveAsync(Document(Patients, "p2"), Token);
                await transaction.CommitAsync(Token);
                return exists;
            });
        }

        var secondSawFirstDocument = await second;

        Assert.False(secondSawFirstDocument);
        Assert.Equal(["p2"], Ids(await ReadChangesAsync(Everything(Patients))));
    }

    /// <summary>
    /// Holds the first transaction open until the second writer has called <c>BeginAsync</c> and then either began (a store
    /// that does not serialize writes) or had a grace period to. The verdict is the order of events, never a duration: a
    /// serializing store passes however slow the machine is.
    /// </summary>
    private async Task GiveSecondWriterItsChanceAsync(Task secondCalling, Task secondBegan)
    {
        await secondCalling;
        await Task.WhenAny(secondBegan, Task.Delay(TimeSpan.FromMilliseconds(300), Token));
    }

    /// <summary>One of each write of a push: a document, a conflict row, a deletion row and the processed operation.</summary>
    private async Task WriteEverythingAsync(ISyncTransaction transaction)
    {
        var document = await transaction.SaveAsync(Document(Patients, "p1"), Token);
        await transaction.AppendConflictAsync(new ConflictEntry
        {
            Id = "conflict-1",
            Collection = Patients,
            DocumentId = "p1",
            FacilityId = FacilityA,
            DeviceId = "device-1",
            UserId = "user-1",
            Source = "push",
            Strategy = "last_write_wins",
            Resolution = "server_wins",
            BaseVersion = 1,
            ServerVersion = document.Version,
            ClientData = """{"name":"client"}"""u8.ToArray(),
            ServerData = """{"name":"server"}"""u8.ToArray(),
            ResolvedData = """{"name":"server"}"""u8.ToArray(),
            ClientTimestamp = T0,
            ClockSkewMs = 0,
            CreatedAt = T0,
        }, Token);
        await transaction.AppendDeletionAsync(
            new DeletionEntry(Patients, "p0", FacilityA, 3, "user-1", "device-1", """{"name":"gone"}"""u8.ToArray(), T0), Token);
        await transaction.RecordProcessedOperationAsync("device-1", "op-1", """{"status":"applied"}""", Token);
    }
}
