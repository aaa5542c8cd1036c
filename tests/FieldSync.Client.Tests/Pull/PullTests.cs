using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Pull;

/// <summary>Changes come down page by page, each page stored with its checkpoint; queued local edits are never overwritten.</summary>
public sealed class PullTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task First_sync_pulls_page_by_page_with_progress_and_stores_a_checkpoint()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await SeedAsync(user, facility, 23);
        var options = _server.OptionsFor(user, _server.NewName("tab"));
        options.PageLimit = 5;
        await using var client = new FieldSyncClient(options);
        var progress = new ConcurrentQueue<SyncProgressEventArgs>();
        client.Progress += (_, e) => progress.Enqueue(e);

        var result = await client.SyncAsync();

        Assert.Equal((23, 5), (result.Pulled, result.Pages));
        var pages = progress.Where(p => p.Phase == SyncPhase.Pulling).ToList();
        Assert.Equal([5, 10, 15, 20, 23], pages.Select(p => p.Pulled));
        Assert.Equal([1, 2, 3, 4, 5], pages.Select(p => p.Pages));
        Assert.Equal(SyncPhase.Completed, progress.Last().Phase);
        Assert.Equal(23, (await client.Collection("patients").ListAsync()).Count);
        var checkpoints = DeviceRows.Checkpoints(options.DatabasePath);
        Assert.Equal(["immunization_records", "patients"], checkpoints.Keys.Order());
        Assert.Single(checkpoints.Values.Distinct());
    }

    [Fact]
    public async Task A_pulled_document_reads_back_as_the_server_sent_it_with_every_character_and_its_metadata()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        const string Guardian = "Fatima\tBello \\ \"Mama\" 👶 Ƙano";
        var patient = Patients.New(facility, "Ḿaryam", "Abdullahi-Ƙano");
        patient["guardian_name"] = Guardian;
        await using var writer = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await writer.Collection("patients").PutAsync("pat-text", patient);
        await writer.SyncAsync();
        await using var reader = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));

        await reader.SyncAsync();

        var written = (await writer.Collection("patients").GetAsync("pat-text"))!;
        var pulled = (await reader.Collection("patients").GetAsync("pat-text"))!;
        Assert.True(JsonNode.DeepEquals(written, pulled), $"{written.ToJsonString()} differs from {pulled.ToJsonString()}");
        Assert.Equal((Guardian, "Ḿaryam", 1L),
            ((string?)pulled["guardian_name"], (string?)pulled["first_name"], (long)pulled["$version"]!));
        Assert.NotNull((string?)pulled["$updatedAt"]);
    }

    [Fact]
    public async Task A_pull_never_overwrites_a_document_with_queued_edits()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await using var other = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await other.Collection("patients").PutAsync("pat-q1", Patients.New(facility));
        await other.SyncAsync();
        var edge = new NetworkEdge();
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab"), edge));
        var patients = client.Collection("patients");
        await client.SyncAsync();
        await other.Collection("patients").PutAsync("pat-q1",
            Patients.With((await other.Collection("patients").GetAsync("pat-q1"))!, "first_name", "Aisha"));
        await other.SyncAsync();

        // The nurse edits while this sync is between its push and its pull, which brings the other device's change.
        var pulls = edge.SentTo("/v1/sync/pull").Count;
        edge.BeforeServer = async (path, number) =>
        {
            if (path == "/v1/sync/pull" && number == pulls + 1)
            {
                await patients.PutAsync("pat-q1", Patients.With((await patients.GetAsync("pat-q1"))!, "phone", "+2348030000004"));
            }
        };
        var result = await client.SyncAsync();

        Assert.Equal(1, result.Pulled);
        Assert.Equal(1, result.Pending);
        var local = (await patients.GetAsync("pat-q1"))!;
        Assert.Equal("+2348030000004", (string?)local["phone"]);
        Assert.Equal("Amina", (string?)local["first_name"]);

        edge.BeforeServer = null;
        await client.SyncAsync();
        var merged = (await patients.GetAsync("pat-q1"))!;
        Assert.Equal(("+2348030000004", "Aisha", 3L), ((string?)merged["phone"], (string?)merged["first_name"], (long)merged["$version"]!));
    }

    [Fact]
    public async Task A_device_of_another_facility_holds_none_of_it()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var (stranger, strangerFacility) = await _server.NewWorkerAsync();
        await SeedAsync(user, facility, 4);
        await using var elsewhere = new FieldSyncClient(_server.OptionsFor(stranger, _server.NewName("tab")));
        await elsewhere.Collection("patients").PutAsync("pat-own", Patients.New(strangerFacility));

        var result = await elsewhere.SyncAsync();

        Assert.Equal(1, result.Pulled);
        var held = Assert.Single(await elsewhere.Collection("patients").ListAsync());
        Assert.Equal(strangerFacility, (string?)held["facility_id"]);
    }

    [Fact]
    public async Task Documents_of_a_facility_the_user_left_are_dropped_from_the_device()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var secondFacility = _server.NewName("fac");
        await _server.AddUserAsync(user, Core.Security.UserRole.HealthWorker, facility, secondFacility);
        await using var client = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("tab")));
        await client.Collection("patients").PutAsync("pat-left", Patients.New(facility));
        await client.Collection("patients").PutAsync("pat-kept", Patients.New(secondFacility));
        await client.SyncAsync();
        Assert.Equal(2, (await client.Collection("patients").ListAsync()).Count);

        await _server.AddUserAsync(user, Core.Security.UserRole.HealthWorker, secondFacility);
        await client.SyncAsync();

        var held = Assert.Single(await client.Collection("patients").ListAsync());
        Assert.Equal("pat-kept", (string?)held["$id"]);
    }

    [Fact]
    public async Task A_collection_added_later_catches_up_alone_while_the_others_go_on_from_their_checkpoint()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await SeedAsync(user, facility, 3);
        var edge = new NetworkEdge();
        var options = _server.OptionsFor(user, _server.NewName("tab"), edge);
        options.Collections = ["patients"];
        await using (var client = new FieldSyncClient(options))
        {
            await client.SyncAsync();
        }

        options.Collections = ["patients", "immunization_records"];
        await using var widened = new FieldSyncClient(options);
        var result = await widened.SyncAsync();

        var pulls = edge.SentTo("/v1/sync/pull").Skip(1).Select(r => r.Json).ToList();
        Assert.Equal(2, pulls.Count);
        Assert.Equal("patients", (string?)pulls[0]["collections"]![0]);
        Assert.NotNull((string?)pulls[0]["checkpoint"]);
        Assert.Equal("immunization_records", (string?)pulls[1]["collections"]![0]);
        Assert.Null((string?)pulls[1]["checkpoint"]);
        Assert.Equal(0, result.Pulled);
        Assert.Equal(3, (await widened.Collection("patients").ListAsync()).Count);
    }

    private async Task SeedAsync(string user, string facility, int count)
    {
        await using var seeder = new FieldSyncClient(_server.OptionsFor(user, _server.NewName("seed")));
        for (var i = 0; i < count; i++)
        {
            await seeder.Collection("patients").PutAsync($"{facility}-p{i:D3}", Patients.New(facility, "Patient" + i));
        }

        Assert.Equal(count, (await seeder.SyncAsync()).Pushed);
    }
}
