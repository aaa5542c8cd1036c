using System.Diagnostics;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Push;

/// <summary>
/// A transient storage fault fails the operation retryably and skips the rest of the batch, keeping order. The fault is
/// SQLite's write lock held by another connection on the file, so these tests run on SQLite only.
/// </summary>
[Trait("Storage", "SqliteOnly")]
public sealed class PushFailureTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    // Longer than the server's 5 s busy timeout, so its first write gives up while the lock is held even when the push
    // reaches the database 4 s late on a loaded machine (with 8 s, a push 3 s late was applied once in CI); short enough
    // that the batch summary, which starts waiting 5 s after the push did, gets the lock within its own 5 s once the
    // holder rolls back.
    private static readonly TimeSpan _lockHeld = TimeSpan.FromSeconds(9.5);

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task An_operation_that_meets_a_locked_database_fails_retryably_and_the_rest_of_the_batch_is_skipped()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (existing, first, second) = (NewId("pat"), NewId("pat"), NewId("pat"));
        var device = NewId("tab");
        // Also warms the server up, so the locked push reaches the database at once.
        await PushAsync(client, device, CreatePatient(existing, facility));
        JsonObject[] batch =
        [
            CreatePatient(first, facility),
            Update("patients", existing, new JsonObject { ["phone"] = "+2348000000" }, 1),
            CreatePatient(second, facility),
        ];
        var batchId = NewId("batch");
        var request = new JsonObject { ["deviceId"] = device, ["batchId"] = batchId, ["queuedOperations"] = new JsonArray([.. batch]) };

        var response = await WhileWriteLockedAsync(() => PushAsync(client, request.DeepClone().AsObject()));

        var failed = Result(response, 0);
        Assert.Equal("failed", (string)failed["status"]!);
        Assert.True((bool)failed["retryable"]!);
        Assert.Equal("storage_unavailable", (string)failed["error"]!["code"]!);
        for (var i = 1; i < batch.Length; i++)
        {
            Assert.Equal("skipped", (string)Result(response, i)["status"]!);
            Assert.True((bool)Result(response, i)["retryable"]!);
            Assert.Equal((string)batch[i]["opId"]!, (string)Result(response, i)["opId"]!);
        }

        Assert.Equal(0, (int)response["succeeded"]!);
        Assert.Equal(3, (int)response["failed"]!);
        Assert.Null(await StoredRows.DocumentAsync(Server.Database, "patients", first));
        Assert.Null(await StoredRows.DocumentAsync(Server.Database, "patients", second));
        Assert.Equal(1L, (await StoredRows.DocumentAsync(Server.Database, "patients", existing))!["version"]);
        Assert.Equal(0, await Server.ScalarAsync("SELECT COUNT(*) FROM processed_operations WHERE device_id = @d AND op_id IN (@a, @b, @c)",
            ("@d", device), ("@a", (string)batch[0]["opId"]!), ("@b", (string)batch[1]["opId"]!), ("@c", (string)batch[2]["opId"]!)));
        var log = Assert.Single(await Server.QueryAsync("SELECT * FROM queue_processing_log WHERE batch_id = @b", ("@b", batchId)));
        Assert.Equal((3L, 0L, 3L, 3L), ((long)log["processed"]!, (long)log["succeeded"]!, (long)log["failed"]!, (long)log["retryable"]!));

        var resent = await PushAsync(client, request.DeepClone().AsObject());

        Assert.Equal(["applied", "applied", "applied"], resent["results"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.NotNull(await StoredRows.DocumentAsync(Server.Database, "patients", first));
        Assert.NotNull(await StoredRows.DocumentAsync(Server.Database, "patients", second));
        Assert.Equal(2L, (await StoredRows.DocumentAsync(Server.Database, "patients", existing))!["version"]);
    }

    // Holds SQLite's write lock from another connection, as another process on the same file would, while the push runs.
    private async Task<JsonObject> WhileWriteLockedAsync(Func<Task<JsonObject>> push)
    {
        var file = new SqliteConnectionStringBuilder { DataSource = Server.DatabasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(file.ToString());
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        var held = Stopwatch.StartNew();
        var pushing = push();
        await Task.WhenAny(pushing, Task.Delay(_lockHeld));
        Assert.False(pushing.IsCompleted, $"the push finished after {held.Elapsed} while the write lock was held");
        await transaction.RollbackAsync();
        return await pushing;
    }
}
