using System.Collections.Concurrent;
using FieldSync.Client.Tests.Infrastructure;
using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Tests.Faults;

/// <summary>A sync cut off by closing the app (or by the network) resumes from the device's file: no duplicates, no start-over.</summary>
public sealed class ResumeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan _wait = TimeSpan.FromSeconds(60);
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Client_closed_while_the_server_applied_its_push_resumes_from_its_file_without_duplicates()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        var device = _server.NewName("tab");
        var edge = new NetworkEdge { SlowReplyDelay = TimeSpan.FromMinutes(10) };
        var answered = new TaskCompletionSource();
        edge.AfterServer = (path, _) => { if (path == "/v1/sync/push") { answered.TrySetResult(); } return Task.CompletedTask; };
        edge.Break("/v1/sync/push", EdgeFault.SlowReply);
        var client = new FieldSyncClient(_server.OptionsFor(user, device, edge));
        for (var i = 0; i < 3; i++)
        {
            await client.Collection("patients").PutAsync($"{facility}-p{i}", Patients.New(facility, "Patient" + i));
        }

        var sync = client.SyncAsync();
        await answered.Task.WaitAsync(_wait);
        await client.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);

        await using var reopened = new FieldSyncClient(_server.OptionsFor(user, device));
        Assert.Equal(3, await reopened.GetPendingCountAsync());
        var result = await reopened.SyncAsync();

        Assert.Equal((3, 3, 0), (result.Pushed, result.Duplicates, result.Pending));
        Assert.Equal(3, ServerRows.ProcessedOperations(_server, device));
        var local = await reopened.Collection("patients").ListAsync();
        Assert.Equal(3, local.Count);
        Assert.All(local, d => Assert.Equal(1, (long)d["$version"]!));
    }

    [Fact]
    public async Task Client_closed_in_the_middle_of_a_first_sync_resumes_after_the_last_stored_page()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await SeedAsync(facility, 12);
        var device = _server.NewName("tab");
        var edge = new NetworkEdge { SlowReplyDelay = TimeSpan.FromMinutes(10) };
        var answered = new TaskCompletionSource();
        edge.AfterServer = (path, number) => { if (path == "/v1/sync/pull" && number == 3) { answered.TrySetResult(); } return Task.CompletedTask; };
        edge.Break("/v1/sync/pull", EdgeFault.SlowReply, from: 3);
        var options = _server.OptionsFor(user, device, edge);
        options.PageLimit = 5;
        var client = new FieldSyncClient(options);

        var sync = client.SyncAsync();
        await answered.Task.WaitAsync(_wait);
        await client.DisposeAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);
        Assert.Equal(10, DeviceRows.DocumentRows(options.DatabasePath));

        options.HttpMessageHandler = null;
        await using var reopened = new FieldSyncClient(options);
        var result = await reopened.SyncAsync();

        Assert.Equal((2, 1), (result.Pulled, result.Pages));
        Assert.Equal(12, (await reopened.Collection("patients").ListAsync()).Count);
        Assert.Equal(1, ServerRows.PullsFromStart(_server, device));
    }

    [Fact]
    public async Task First_sync_of_50000_documents_reports_progress_and_resumes_without_starting_over()
    {
        const int Total = 50_000, Page = 1000;
        var (user, facility) = await _server.NewWorkerAsync();
        await SeedAsync(facility, Total);
        var device = _server.NewName("tab");
        var edge = new NetworkEdge();
        edge.Break("/v1/sync/pull", EdgeFault.CutBody, from: 20);
        var options = _server.OptionsFor(user, device, edge);
        options.PageLimit = Page;
        options.MaxRetryAttempts = 0;
        var firstRun = new ConcurrentQueue<SyncProgressEventArgs>();
        await using (var client = new FieldSyncClient(options))
        {
            client.Progress += (_, e) => firstRun.Enqueue(e);
            await Assert.ThrowsAsync<FieldSyncException>(() => client.SyncAsync());
        }

        Assert.Equal(19 * Page, firstRun.Last().Pulled);
        Assert.Equal(19 * Page, DeviceRows.DocumentRows(options.DatabasePath));

        var secondRun = new ConcurrentQueue<SyncProgressEventArgs>();
        await using var reopened = new FieldSyncClient(options);
        reopened.Progress += (_, e) => secondRun.Enqueue(e);
        var result = await reopened.SyncAsync();

        Assert.Equal((Total - (19 * Page), 31), (result.Pulled, result.Pages));
        var pulling = secondRun.Where(p => p.Phase == SyncPhase.Pulling).Select(p => p.Pulled).ToList();
        Assert.Equal(31, pulling.Count);
        Assert.Equal(pulling.Order(), pulling);
        Assert.Equal(Total, DeviceRows.DocumentRows(options.DatabasePath));
        Assert.Equal(1, ServerRows.PullsFromStart(_server, device));
        Assert.Equal(Total + Page, ServerRows.DocumentsSentTo(_server, device));
    }

    // Written straight through the server's storage: the test is about the download, not about 50,000 pushes.
    [Fact]
    public async Task Stored_checkpoint_the_server_cannot_read_restarts_the_pull_from_the_start()
    {
        var (user, facility) = await _server.NewWorkerAsync();
        await SeedAsync(facility, 4);
        var options = _server.OptionsFor(user, _server.NewName("tab"));
        await using (var first = new FieldSyncClient(options))
        {
            await first.SyncAsync();
        }

        // As a checkpoint of another server, or of an older format, would be.
        await using (var device = new SqliteConnection($"Data Source={options.DatabasePath};Pooling=False"))
        {
            await device.OpenAsync();
            await using var command = device.CreateCommand();
            command.CommandText = "UPDATE checkpoints SET checkpoint = 'made-by-another-server'";
            Assert.Equal(2, await command.ExecuteNonQueryAsync());
        }

        await using var client = new FieldSyncClient(options);
        var result = await client.SyncAsync();

        Assert.Equal(4, result.Pulled);
        Assert.Equal(4, (await client.Collection("patients").ListAsync()).Count);
        Assert.DoesNotContain("made-by-another-server", DeviceRows.Checkpoints(options.DatabasePath).Values);
    }

    private async Task SeedAsync(string facility, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await using var transaction = await _server.Store.BeginAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            var body = Patients.New(facility, "Patient" + i);
            await transaction.SaveAsync(new SyncDocument
            {
                Collection = "patients", Id = $"{facility}-p{i:D5}", FacilityId = facility, Version = 1, CreatedAt = now, UpdatedAt = now,
                Body = body, FieldEdits = body.ToDictionary(f => f.Key, _ => new FieldEdit(1, now)),
            }, CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }
}
