using System.Collections.Concurrent;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Push;

/// <summary>A change the server refuses for good leaves the queue, is kept for the user, and the document goes back to the server's version.</summary>
public sealed class RejectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Invalid_create_is_kept_as_rejected_and_does_not_block_the_changes_after_it()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        var rejected = new ConcurrentQueue<RejectedEventArgs>();
        client.Rejected += (_, e) => rejected.Enqueue(e);
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-r1", Patients.With(Patients.New(facility), "sex", "robot"));
        await patients.PutAsync("pat-r2", Patients.New(facility));

        var result = await client.SyncAsync();

        Assert.Equal((1, 1, 0), (result.Pushed, result.Rejected, result.Pending));
        var operation = Assert.Single(rejected).Operation;
        Assert.Equal(("pat-r1", SyncOperationType.Create, "validation_failed"), (operation.DocumentId, operation.Type, operation.Code));
        Assert.Contains(operation.Problems, p => p.Field == "sex");
        Assert.Null(await patients.GetAsync("pat-r1"));
        Assert.NotNull(await patients.GetAsync("pat-r2"));
        Assert.Equal(0, ServerRows.VersionOf(_server, "patients", "pat-r1"));

        var kept = Assert.Single(await client.GetRejectedAsync());
        Assert.Equal(operation.OpId, kept.OpId);
        Assert.Equal("robot", (string?)kept.Data!["sex"]);
        Assert.True(await client.DismissRejectedAsync(kept.OpId));
        Assert.Empty(await client.GetRejectedAsync());
    }

    [Fact]
    public async Task Rejected_update_restores_the_server_version()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        var patients = client.Collection("patients");
        await patients.PutAsync("pat-r3", Patients.New(facility));
        await client.SyncAsync();
        var synced = (await patients.GetAsync("pat-r3"))!;

        await patients.PutAsync("pat-r3", Patients.With(synced, "date_of_birth", "2999-01-01"));
        var result = await client.SyncAsync();

        Assert.Equal(1, result.Rejected);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(synced, await patients.GetAsync("pat-r3")));
        Assert.Equal(0, await client.GetPendingCountAsync());
    }

    [Fact]
    public async Task Edit_of_a_patient_deleted_on_the_server_is_rejected_and_the_patient_goes()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var keeper = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await using var deleter = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await keeper.Collection("patients").PutAsync("pat-r4", Patients.New(facility));
        await keeper.SyncAsync();
        await deleter.SyncAsync();

        await keeper.Collection("patients").PutAsync("pat-r4",
            Patients.With((await keeper.Collection("patients").GetAsync("pat-r4"))!, "phone", "+2348030000003"));
        await deleter.Collection("patients").DeleteAsync("pat-r4");
        await deleter.SyncAsync();
        var result = await keeper.SyncAsync();

        Assert.Equal(1, result.Rejected);
        Assert.Equal("document_deleted", Assert.Single(await keeper.GetRejectedAsync()).Code);
        Assert.Null(await keeper.Collection("patients").GetAsync("pat-r4"));
    }

    [Fact]
    public async Task Patient_of_a_facility_the_user_is_not_in_is_rejected()
    {
        var (user, _) = await _server.NewWorkerAsync();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await client.Collection("patients").PutAsync("pat-r5", Patients.New(_server.NewName("fac")));

        var result = await client.SyncAsync();

        Assert.Equal(1, result.Rejected);
        Assert.Equal("forbidden_facility", Assert.Single(await client.GetRejectedAsync()).Code);
        Assert.Null(await client.Collection("patients").GetAsync("pat-r5"));
    }
}
