using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Push;

/// <summary>Replaying a device's queued operation never applies it twice; the key is per device.</summary>
public sealed class PushExactlyOnceTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Replayed_operation_is_reported_duplicate_and_applied_once()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (id, device) = (NewId("pat"), NewId("tab"));
        JsonObject[] batch = [CreatePatient(id, facility), Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1)];
        var first = await PushAsync(client, device, batch);

        var replay = await PushAsync(client, device, batch);

        Assert.Equal(2, (int)replay["succeeded"]!);
        for (var i = 0; i < batch.Length; i++)
        {
            var again = Result(replay, i);
            Assert.Equal("duplicate", (string)again["status"]!);
            Assert.Equal("applied", (string)again["originalStatus"]!);
            Assert.Equal((string)batch[i]["opId"]!, (string)again["opId"]!);
            Assert.True(JsonNode.DeepEquals(Result(first, i)["document"], again["document"]), $"{Result(first, i)} != {again}");
        }

        var row = await StoredRows.DocumentAsync(Server.Database, "patients", id);
        Assert.Equal(2L, row!["version"]);
        Assert.Equal(1, await Server.ScalarAsync("SELECT COUNT(*) FROM documents WHERE id = @id", ("@id", id)));
    }

    [Fact]
    public async Task A_replayed_update_with_new_content_under_the_same_opId_is_still_not_applied()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (id, device, opId) = (NewId("pat"), NewId("tab"), NewId("op"));
        await PushAsync(client, device, CreatePatient(id, facility));
        await PushAsync(client, device, Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1, opId));
        var changed = Update("patients", id, new JsonObject { ["phone"] = "+2348111111" }, 2, opId);

        var replay = Result(await PushAsync(client, device, changed), 0);

        Assert.Equal("duplicate", (string)replay["status"]!);
        Assert.Equal("+2348000000", (string)replay["document"]!["phone"]!);
        var row = await StoredRows.DocumentAsync(Server.Database, "patients", id);
        Assert.Equal(2L, row!["version"]);
        Assert.Equal("+2348000000", (string)JsonNode.Parse((string)row["body"]!)!["phone"]!);
    }

    [Fact]
    public async Task An_opId_repeated_within_one_batch_is_applied_once()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var id = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(id, facility));
        var update = Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1);

        var response = await PushAsync(client, NewId("tab"), update, update);

        Assert.Equal(["applied", "duplicate"], response["results"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal(2L, (await StoredRows.DocumentAsync(Server.Database, "patients", id))!["version"]);
    }

    [Fact]
    public async Task The_same_opId_from_another_device_is_not_a_duplicate()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (id, opId) = (NewId("pat"), NewId("op"));
        await PushAsync(client, NewId("tab"), CreatePatient(id, facility));
        await PushAsync(client, NewId("tab"), Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1, opId));
        var sameOpId = Update("patients", id, new JsonObject { ["phone"] = "+2348111111" }, 2, opId);

        var other = Result(await PushAsync(client, NewId("tab"), sameOpId), 0);

        Assert.Equal("applied", (string)other["status"]!);
        Assert.Equal(3, (long)other["document"]!["$version"]!);
        Assert.Equal(3L, (await StoredRows.DocumentAsync(Server.Database, "patients", id))!["version"]);
    }

    [Fact]
    public async Task An_operation_without_opId_is_a_duplicate_when_resent_exactly_and_applied_when_changed()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (id, device) = (NewId("pat"), NewId("tab"));
        await PushAsync(client, device, CreatePatient(id, facility));
        var update = WithoutOpId(Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, 1));
        update["timestamp"] = "2025-01-02T03:04:05Z";
        var first = Result(await PushAsync(client, device, update), 0);

        var resent = Result(await PushAsync(client, device, update), 0);
        var changedData = update.DeepClone().AsObject();
        changedData["data"]!["sex"] = "male";
        var changed = Result(await PushAsync(client, device, changedData), 0);

        Assert.Equal("applied", (string)first["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)first["opId"]));
        Assert.Equal("duplicate", (string)resent["status"]!);
        Assert.Equal((string)first["opId"]!, (string)resent["opId"]!);
        Assert.NotEqual("duplicate", (string)changed["status"]!);
        Assert.NotEqual((string)first["opId"]!, (string)changed["opId"]!);
        Assert.Equal("male", (string)changed["document"]!["sex"]!);
        var row = await StoredRows.DocumentAsync(Server.Database, "patients", id);
        Assert.Equal(3L, row!["version"]);
        Assert.Equal("male", (string)JsonNode.Parse((string)row["body"]!)!["sex"]!);
    }

    private static JsonObject WithoutOpId(JsonObject operation)
    {
        operation.Remove("opId");
        return operation;
    }
}
