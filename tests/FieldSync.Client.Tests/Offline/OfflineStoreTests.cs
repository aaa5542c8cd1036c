using System.Text.Json.Nodes;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Offline;

/// <summary>The local store works without a network: writes land in the file and the outbox, and survive a restart.</summary>
public sealed class OfflineStoreTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly Uri _nowhere = new("http://127.0.0.1:9/");
    private readonly TestServer _server = fixture.Server;

    private FieldSyncClientOptions Offline(string device) => new()
    {
        ServerUrl = _nowhere, DeviceId = device, DatabasePath = _server.DevicePath(device), AccessToken = () => "unused",
        MaxRetryAttempts = 0,
    };

    [Fact]
    public async Task Put_document_is_read_back_without_a_network()
    {
        await using var client = new FieldSyncClient(Offline(_server.NewName("tab")));
        var patients = client.Collection("patients");

        Assert.True(await patients.PutAsync("pat-1", Patients.New("fac-a")));
        await patients.PutAsync("pat-2", Patients.New("fac-a", "Bola"));

        var read = await patients.GetAsync("pat-1");
        Assert.Equal("pat-1", (string?)read!["$id"]);
        Assert.Equal("patients", (string?)read["$collection"]);
        Assert.Equal("Amina", (string?)read["first_name"]);
        Assert.Null(read["$version"]);
        Assert.Equal(["pat-1", "pat-2"], (await patients.ListAsync()).Select(d => (string)d["$id"]!));
        Assert.Null(await patients.GetAsync("pat-3"));
        Assert.Equal(2, await client.GetPendingCountAsync());
    }

    [Fact]
    public async Task Edits_of_a_new_document_before_a_sync_join_its_create()
    {
        var device = _server.NewName("tab");
        await using var client = new FieldSyncClient(Offline(device));
        var patients = client.Collection("patients");

        await patients.PutAsync("pat-1", Patients.New("fac-a"));
        await patients.PutAsync("pat-1", Patients.With(Patients.New("fac-a"), "phone", "+2348030000001"));

        var queued = Assert.Single(DeviceRows.Outbox(_server.DevicePath(device)));
        Assert.Equal("create", queued.Type);
        Assert.Equal("+2348030000001", (string?)JsonNode.Parse(queued.Data!)!["phone"]);
        Assert.Null(queued.BaseVersion);
    }

    [Fact]
    public async Task Put_of_the_same_fields_queues_nothing()
    {
        await using var client = new FieldSyncClient(Offline(_server.NewName("tab")));
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-1", Patients.New("fac-a"));

        var document = (await patients.GetAsync("pat-1"))!;
        Assert.False(await patients.PutAsync("pat-1", document));
        Assert.Equal(1, await client.GetPendingCountAsync());
    }

    [Fact]
    public async Task Delete_of_a_document_that_never_left_the_device_leaves_nothing_to_send()
    {
        var device = _server.NewName("tab");
        await using var client = new FieldSyncClient(Offline(device));
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-1", Patients.New("fac-a"));

        Assert.True(await patients.DeleteAsync("pat-1"));

        Assert.Null(await patients.GetAsync("pat-1"));
        Assert.Empty(DeviceRows.Outbox(_server.DevicePath(device)));
        Assert.Equal(0, DeviceRows.DocumentRows(_server.DevicePath(device)));
        Assert.False(await patients.DeleteAsync("pat-1"));
    }

    [Fact]
    public async Task Documents_and_outbox_survive_reopening_the_file()
    {
        var device = _server.NewName("tab");
        await using (var client = new FieldSyncClient(Offline(device)))
        {
            await client.Collection("patients").PutAsync("pat-1", Patients.New("fac-a"));
            await client.Collection("immunization_records").PutAsync("imm-1", new JsonObject { ["patient_id"] = "pat-1" });
        }

        await using var reopened = new FieldSyncClient(Offline(device));
        Assert.Equal("Amina", (string?)(await reopened.Collection("patients").GetAsync("pat-1"))!["first_name"]);
        Assert.Equal(2, await reopened.GetPendingCountAsync());
    }

    [Fact]
    public async Task A_file_keeps_its_device_id()
    {
        var device = _server.NewName("tab");
        var options = Offline(device);
        await (new FieldSyncClient(options)).DisposeAsync();

        options.DeviceId = null;
        await using (var sameDevice = new FieldSyncClient(options))
        {
            Assert.Equal(device, sameDevice.DeviceId);
        }

        options.DeviceId = device + "-other";
        Assert.Throws<InvalidOperationException>(() => new FieldSyncClient(options));
    }

    [Fact]
    public async Task Sync_without_a_network_fails_transiently_and_keeps_the_outbox()
    {
        await using var client = new FieldSyncClient(Offline(_server.NewName("tab")));
        await client.Collection("patients").PutAsync("pat-1", Patients.New("fac-a"));

        var error = await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());

        Assert.True(error.IsTransient);
        Assert.Equal("network", error.Code);
        Assert.Equal(1, await client.GetPendingCountAsync());
        Assert.NotNull(await client.Collection("patients").GetAsync("pat-1"));
    }

    [Fact]
    public async Task Bad_ids_and_unknown_collections_are_refused_at_once()
    {
        var options = Offline(_server.NewName("tab"));
        options.Collections = ["patients"];
        await using var client = new FieldSyncClient(options);

        Assert.Throws<ArgumentException>(() => client.Collection("visits"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.Collection("patients").PutAsync("bad id!", Patients.New("fac-a")));
        Assert.Throws<ArgumentException>(() => new FieldSyncClient(new FieldSyncClientOptions { ServerUrl = _nowhere }));
    }
}
