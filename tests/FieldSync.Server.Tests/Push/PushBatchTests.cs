using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Push;

/// <summary>What holds for a push as a whole: its summary row, and refusals of the whole batch before anything applies.</summary>
public sealed class PushBatchTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Each_batch_writes_one_queue_processing_log_row_whose_counts_match_the_response()
    {
        var facility = NewId("fac");
        var user = await NewUserAsync(Server, Core.Security.UserRole.HealthWorker, facility);
        var client = Server.Client(user);
        var (device, id, replayed) = (NewId("tab"), NewId("pat"), CreatePatient(NewId("pat"), facility));
        await PushAsync(client, device, CreatePatient(id, facility), replayed);
        await PushAsync(client, device, Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1));
        var batchId = NewId("batch");

        var response = await PushAsync(client, new JsonObject
        {
            ["deviceId"] = device, ["batchId"] = batchId,
            ["queuedOperations"] = new JsonArray(
                CreatePatient(NewId("pat"), facility), replayed.DeepClone(),
                Update("patients", id, new JsonObject { ["sex"] = "male" }, 1),
                Update("patients", NewId("pat"), new JsonObject { ["sex"] = "male" }, 1)),
        });

        Assert.Equal(["applied", "duplicate", "conflict_resolved", "rejected"],
            response["results"]!.AsArray().Select(r => (string)r!["status"]!));
        var row = Assert.Single(await Server.QueryAsync("SELECT * FROM queue_processing_log WHERE batch_id = @b", ("@b", batchId)));
        Assert.Equal(device, row["device_id"]);
        Assert.Equal(user, row["user_id"]);
        Assert.Equal((long)(int)response["processed"]!, row["processed"]);
        Assert.Equal((long)(int)response["succeeded"]!, row["succeeded"]);
        Assert.Equal((long)(int)response["failed"]!, row["failed"]);
        Assert.Equal((4L, 3L, 1L), ((long)row["processed"]!, (long)row["succeeded"]!, (long)row["failed"]!));
        Assert.Equal((0L, 1L, 1L), ((long)row["retryable"]!, (long)row["duplicates"]!, (long)row["conflicts"]!));
        Assert.Equal(3, await Server.ScalarAsync("SELECT COUNT(*) FROM queue_processing_log WHERE device_id = @d", ("@d", device)));
    }

    [Fact]
    public async Task A_batch_over_the_configured_limit_is_refused_with_413_and_nothing_is_applied()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var device = NewId("tab");
        var operations = Enumerable.Range(0, MaxOperationsPerBatch + 1).Select(_ => (JsonNode)CreatePatient(NewId("pat"), facility));

        var (status, problem) = await TestServer.PostAsync(client, "/v1/sync/push",
            new JsonObject { ["deviceId"] = device, ["queuedOperations"] = new JsonArray([.. operations]) });

        Assert.Equal(413, status);
        Assert.Equal("payload_too_large", (string)problem!["code"]!);
        await AssertNothingAppliedAsync(facility, device);
    }

    [Fact]
    public async Task A_batch_at_the_configured_limit_is_accepted()
    {
        var (client, facility) = await NewWorkerAsync(Server);

        var response = await PushAsync(client, NewId("tab"),
            [.. Enumerable.Range(0, MaxOperationsPerBatch).Select(_ => CreatePatient(NewId("pat"), facility))]);

        Assert.Equal(MaxOperationsPerBatch, (int)response["succeeded"]!);
    }

    [Fact]
    public async Task A_push_naming_another_user_is_refused_with_403_and_nothing_is_applied()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var other = await NewUserAsync(Server, Core.Security.UserRole.HealthWorker, facility);
        var device = NewId("tab");

        var (status, problem) = await TestServer.PostAsync(client, "/v1/sync/push", new JsonObject
        {
            ["deviceId"] = device, ["userId"] = other, ["queuedOperations"] = new JsonArray(CreatePatient(NewId("pat"), facility)),
        });

        Assert.Equal(403, status);
        Assert.Equal("forbidden_user", (string)problem!["code"]!);
        Assert.Equal("userId", (string)problem["errors"]![0]!["field"]!);
        await AssertNothingAppliedAsync(facility, device);
    }

    [Fact]
    public async Task A_push_naming_its_own_user_is_accepted()
    {
        var facility = NewId("fac");
        var user = await NewUserAsync(Server, Core.Security.UserRole.HealthWorker, facility);

        var response = await PushAsync(Server.Client(user), new JsonObject
        {
            ["deviceId"] = NewId("tab"), ["userId"] = user, ["queuedOperations"] = new JsonArray(CreatePatient(NewId("pat"), facility)),
        });

        Assert.Equal("applied", (string)Result(response, 0)["status"]!);
    }

    [Fact]
    public async Task A_null_operation_is_refused_as_a_client_mistake_and_nothing_is_applied()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var device = NewId("tab");

        var (status, problem) = await TestServer.PostAsync(client, "/v1/sync/push", new JsonObject
        {
            ["deviceId"] = device, ["queuedOperations"] = new JsonArray(CreatePatient(NewId("pat"), facility), null),
        });

        Assert.Equal(400, status);
        Assert.Equal("validation_failed", (string)problem!["code"]!);
        Assert.Equal("queuedOperations[1]", (string)problem["errors"]![0]!["field"]!);
        await AssertNothingAppliedAsync(facility, device);
    }

    private async Task AssertNothingAppliedAsync(string facility, string device)
    {
        Assert.Equal(0, await Server.ScalarAsync("SELECT COUNT(*) FROM documents WHERE facility_id = @f", ("@f", facility)));
        foreach (var table in new[] { "processed_operations", "queue_processing_log" })
        {
            Assert.Equal(0, await Server.ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE device_id = @d", ("@d", device)));
        }
    }
}
