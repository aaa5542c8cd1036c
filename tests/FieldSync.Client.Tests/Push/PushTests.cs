using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Push;

/// <summary>The outbox goes up in order: creates whole, updates as changed fields with their base version; answers replace local copies.</summary>
public sealed class PushTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Pushed_create_takes_the_server_copy_and_leaves_the_outbox()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await client.Collection("patients").PutAsync("pat-c1", Patients.New(facility));

        var result = await client.SyncAsync();

        Assert.Equal(1, result.Pushed);
        Assert.Equal(0, result.Pending);
        var local = (await client.Collection("patients").GetAsync("pat-c1"))!;
        Assert.Equal(1, (long)local["$version"]!);
        Assert.NotNull(local["$createdAt"]);
        Assert.Equal(1, ServerRows.VersionOf(_server, "patients", "pat-c1"));
    }

    [Fact]
    public async Task Update_sends_only_the_changed_fields_with_the_version_it_was_edited_from()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab"), edge));
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-u1", Patients.With(Patients.New(facility), "phone", "+2348030000001"));
        await client.SyncAsync();

        var synced = (await patients.GetAsync("pat-u1"))!;
        await patients.PutAsync("pat-u1", Patients.With(synced, "first_name", "Aminat"));
        await patients.PutAsync("pat-u1", Patients.With((await patients.GetAsync("pat-u1"))!, "phone", null));
        await client.SyncAsync();

        var operation = edge.SentTo("/v1/sync/push")[^1].Json["queuedOperations"]!.AsArray().Single()!.AsObject();
        Assert.Equal("update", (string?)operation["type"]);
        Assert.Equal(1, (long)operation["baseVersion"]!);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["first_name"] = "Aminat", ["phone"] = null }, operation["data"]));
        Assert.Equal(2, ServerRows.VersionOf(_server, "patients", "pat-u1"));
        Assert.Equal("Aminat", (string?)(await patients.GetAsync("pat-u1"))!["first_name"]);
    }

    [Fact]
    public async Task Edit_made_after_its_create_was_sent_goes_up_from_the_create_result_without_a_conflict()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var edge = new NetworkEdge();
        var options = _server.OptionsFor(user, _server.NewName("tab"), edge);
        options.MaxRetryAttempts = 0;
        await using var client = new FieldSyncClient(options);
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-e1", Patients.New(facility));
        edge.Break("/v1/sync/push", EdgeFault.DropAfterServer);
        await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());

        await patients.PutAsync("pat-e1", Patients.With((await patients.GetAsync("pat-e1"))!, "guardian_name", "Musa Okafor"));
        var result = await client.SyncAsync();

        Assert.Equal(2, result.Pushed);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(0, result.Conflicts);
        var update = edge.SentTo("/v1/sync/push")[^1].Json["queuedOperations"]!.AsArray().Single()!;
        Assert.Equal(1, (long)update["baseVersion"]!);
        Assert.Equal(0, ServerRows.Conflicts(_server, "pat-e1"));
        Assert.Equal(2, ServerRows.VersionOf(_server, "patients", "pat-e1"));
        Assert.Equal("Musa Okafor", (string?)(await patients.GetAsync("pat-e1"))!["guardian_name"]);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_patient_are_merged_and_reported_as_a_conflict()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var first = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await using var second = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await first.Collection("patients").PutAsync("pat-m1", Patients.New(facility));
        await first.SyncAsync();
        await second.SyncAsync();
        var conflicts = new ConcurrentQueue<ConflictEventArgs>();
        second.Conflict += (_, e) => conflicts.Enqueue(e);

        var shared = (await first.Collection("patients").GetAsync("pat-m1"))!;
        await first.Collection("patients").PutAsync("pat-m1", Patients.With(shared, "phone", "+2348030000002"));
        await second.Collection("patients").PutAsync("pat-m1", Patients.With(shared, "guardian_name", "Halima Okafor"));
        await first.SyncAsync();
        var result = await second.SyncAsync();
        await first.SyncAsync();

        Assert.Equal(1, result.Conflicts);
        var conflict = Assert.Single(conflicts);
        Assert.Equal("merged", conflict.Resolution);
        Assert.Equal(3, (long)conflict.Document["$version"]!);
        foreach (var device in new[] { first, second })
        {
            var merged = (await device.Collection("patients").GetAsync("pat-m1"))!;
            Assert.Equal("+2348030000002", (string?)merged["phone"]);
            Assert.Equal("Halima Okafor", (string?)merged["guardian_name"]);
            Assert.Equal(3, (long)merged["$version"]!);
        }
    }

    [Fact]
    public async Task Deletion_reaches_the_server_and_every_device()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var first = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await using var second = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await first.Collection("patients").PutAsync("pat-d1", Patients.New(facility));
        await first.SyncAsync();
        await second.SyncAsync();

        Assert.True(await first.Collection("patients").DeleteAsync("pat-d1"));
        Assert.Null(await first.Collection("patients").GetAsync("pat-d1"));
        await first.SyncAsync();
        var result = await second.SyncAsync();

        Assert.Equal(1, result.Deleted);
        Assert.Null(await second.Collection("patients").GetAsync("pat-d1"));
        Assert.Equal(2, ServerRows.VersionOf(_server, "patients", "pat-d1"));
        Assert.Equal(0, await first.GetPendingCountAsync());
    }
}
