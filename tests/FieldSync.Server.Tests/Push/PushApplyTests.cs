using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Push;

/// <summary>How a push applies its operations: in order, updates through conflict resolution, deletes as tombstones.</summary>
public sealed class PushApplyTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Create_update_and_delete_of_one_document_in_one_batch_are_applied_in_order()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");

        var response = await PushAsync(client, NewId("tab"), CreatePatient(id, facility),
            Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1), Delete("patients", id));

        Assert.Equal(3, (int)response["processed"]!);
        Assert.Equal(3, (int)response["succeeded"]!);
        Assert.Equal(0, (int)response["failed"]!);
        Assert.Equal([0, 1, 2], response["results"]!.AsArray().Select(r => (int)r!["index"]!));
        Assert.All(response["results"]!.AsArray(), r => Assert.Equal("applied", (string)r!["status"]!));
        Assert.Equal([1L, 2L, 3L], response["results"]!.AsArray().Select(r => (long)r!["document"]!["$version"]!));
        Assert.Equal("+2348000000", (string)Result(response, 1)["document"]!["phone"]!);
        var row = await StoredRows.DocumentAsync(Server.Database, "patients", id);
        Assert.Equal(3L, row!["version"]);
        Assert.Equal(1L, row["deleted"]);
        var lastState = await LastStateAsync(id);
        Assert.Equal("+2348000000", (string)lastState["phone"]!);
        Assert.Equal(2, (long)lastState["$version"]!);
    }

    [Fact]
    public async Task An_update_queued_before_its_create_is_not_reordered_and_finds_no_document()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");

        var response = await PushAsync(client, NewId("tab"),
            Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1), CreatePatient(id, facility));

        Assert.Equal("rejected", (string)Result(response, 0)["status"]!);
        Assert.Equal("not_found", (string)Result(response, 0)["error"]!["code"]!);
        Assert.Equal("applied", (string)Result(response, 1)["status"]!);
        Assert.Null(Result(response, 1)["document"]!["phone"]);
        Assert.Equal(1L, (await StoredRows.DocumentAsync(Server.Database, "patients", id))!["version"]);
    }

    [Fact]
    public async Task A_delete_leaves_a_tombstone_and_keeps_the_last_state_in_deletion_log()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");
        var device = NewId("tab");
        var created = Result(await PushAsync(client, device, CreatePatient(id, facility, "Chidi")), 0)["document"]!;

        var deleted = Result(await PushAsync(client, device, Delete("patients", id)), 0);

        Assert.Equal("applied", (string)deleted["status"]!);
        var row = await StoredRows.DocumentAsync(Server.Database, "patients", id);
        Assert.NotNull(row);
        Assert.Equal(1L, row["deleted"]);
        Assert.Equal(2L, row["version"]);
        Assert.DoesNotContain("Chidi", (string)row["body"]!, StringComparison.Ordinal);
        var log = Assert.Single(await Server.QueryAsync(
            "SELECT * FROM deletion_log WHERE collection = 'patients' AND document_id = @id", ("@id", id)));
        Assert.Equal(facility, log["facility_id"]);
        Assert.Equal(2L, log["version"]);
        Assert.Equal(device, log["device_id"]);
        Assert.True(JsonNode.DeepEquals(created, JsonNode.Parse((string)log["last_state"]!)), $"{created} != {log["last_state"]}");
    }

    [Fact]
    public async Task An_update_from_a_stale_base_is_merged_by_the_collection_strategy_and_logged_as_a_conflict()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(id, facility));
        await PushAsync(client, NewId("tab"), Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1));

        var result = Result(await PushAsync(client, NewId("tab"), Update("patients", id, new JsonObject { ["sex"] = "female" }, 1)), 0);

        Assert.Equal("conflict_resolved", (string)result["status"]!);
        Assert.Equal("merged", (string)result["resolution"]!);
        Assert.Equal("+2348000000", (string)result["document"]!["phone"]!);
        Assert.Equal("female", (string)result["document"]!["sex"]!);
        Assert.Equal(3, (long)result["document"]!["$version"]!);
        var conflict = Assert.Single(await Server.QueryAsync("SELECT * FROM conflict_log WHERE document_id = @id", ("@id", id)));
        Assert.Equal((string)result["conflictId"]!, conflict["id"]);
        Assert.Equal("merge_with_server_priority", conflict["strategy"]);
        Assert.Equal("merged", conflict["resolution"]);
        Assert.Equal(1L, conflict["base_version"]);
        Assert.Equal(2L, conflict["server_version"]);
    }

    [Fact]
    public async Task A_stale_update_of_a_server_wins_collection_keeps_the_server_document()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("visit");
        await PushAsync(client, NewId("tab"), CreateVisit(id, facility));
        await PushAsync(client, NewId("tab"), Update("visits", id, new JsonObject { ["reason"] = "fever" }, 1));

        var result = Result(await PushAsync(client, NewId("tab"), Update("visits", id, new JsonObject { ["reason"] = "cough" }, 1)), 0);

        Assert.Equal("conflict_resolved", (string)result["status"]!);
        Assert.Equal("kept_server", (string)result["resolution"]!);
        Assert.Equal("fever", (string)result["document"]!["reason"]!);
        Assert.Equal(2L, (await StoredRows.DocumentAsync(Server.Database, "visits", id))!["version"]);
        Assert.Equal(1, await Server.ScalarAsync(
            "SELECT COUNT(*) FROM conflict_log WHERE document_id = @id AND strategy = 'server_wins' AND resolution = 'kept_server'",
            ("@id", id)));
    }

    [Fact]
    public async Task Field_names_of_pushed_data_are_case_sensitive_and_server_fields_sent_by_the_device_are_dropped()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");
        var data = new JsonObject
        {
            ["facility_id"] = facility, ["first_name"] = "Amina", ["guardian_name"] = "Hadiza", ["Guardian_Name"] = "Ngozi",
            ["$version"] = 9, ["$id"] = "someone-else",
        };

        var result = Result(await PushAsync(client, NewId("tab"), Operation("create", "patients", id, data)), 0);

        Assert.Equal("applied", (string)result["status"]!);
        var body = JsonNode.Parse((string)(await StoredRows.DocumentAsync(Server.Database, "patients", id))!["body"]!)!.AsObject();
        Assert.Equal("Hadiza", (string)body["guardian_name"]!);
        Assert.Equal("Ngozi", (string)body["Guardian_Name"]!);
        Assert.DoesNotContain(body, field => field.Key.StartsWith('$'));
        Assert.Equal(id, (string)result["document"]!["$id"]!);
        Assert.Equal(1L, (long)result["document"]!["$version"]!);
    }

    private async Task<JsonObject> LastStateAsync(string id)
    {
        var row = Assert.Single(await Server.QueryAsync("SELECT last_state FROM deletion_log WHERE document_id = @id", ("@id", id)));
        return JsonNode.Parse((string)row["last_state"]!)!.AsObject();
    }
}
