using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Wire;
using FieldSync.Core.Security;
using FieldSync.Core.Sync;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: 100 changes pulled from a checkpoint, on a database of 10,000 documents and on one of 1,000,000. The
/// documents are spread over 20 facilities; the pulling supervisor is a member of 10 of them, and the changes are
/// pushed to patients of those 10. Both servers run at once and the pulls take turns, so that a load that comes and
/// goes on the machine falls on both. Figure: median time of one pull request; baseline: the same on the small database.
/// </summary>
internal static class IncrementalPullScenario
{
    public const string Name = "incremental";
    private const int Warmups = 3;

    public static async Task RunAsync(BenchContext context)
    {
        var (changes, small, large) = (context.Options.IncrementalChanges, context.Options.SmallDocuments, context.Options.LargeDocuments);
        var samples = context.Options.Quick ? 15 : 40;
        var smallData = await PrepareAsync(context, small);
        var largeData = await PrepareAsync(context, large);
        await using var smallServer = await FieldSyncServer.StartAsync(smallData, context.ConfigFile);
        await using var largeServer = await FieldSyncServer.StartAsync(largeData, context.ConfigFile);
        var smallPull = await ChangeAsync(smallServer, smallData, small, changes);
        var largePull = await ChangeAsync(largeServer, largeData, large, changes);
        var (smallTimes, largeTimes) = (new List<double>(), new List<double>());
        for (var i = 0; i < Warmups + samples; i++)
        {
            var (s, l) = (await smallPull(), await largePull());
            if (i >= Warmups)
            {
                smallTimes.Add(s);
                largeTimes.Add(l);
            }
        }

        foreach (var (size, times) in new[] { (small, smallTimes), (large, largeTimes) })
        {
            Console.WriteLine($"  {size:N0} documents: median {Stats.Median(times):0.00} ms, p90 {Stats.Percentile(times, 90):0.00} ms");
        }

        var figure = context.Report.Add(new Figure(Name, $"pull of {changes} changes from {large:N0} documents (median)",
            Stats.Median(largeTimes), "ms", $"the same pull from {small:N0} documents", Stats.Median(smallTimes)));
        context.Report.Check(Name, $"pull on {large:N0} documents <= 2 x on {small:N0}", $"{figure.Ratio:0.##} x", figure.Ratio <= 2);
    }

    private static async Task<string> PrepareAsync(BenchContext context, int size)
    {
        var facilities = Facilities();
        var dataset = new Dataset("district", size, facilities);
        var data = context.NewDirectory("district-" + size.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"  preparing {size:N0} documents over {facilities.Length} facilities ...");
        var took = await Seeder.SeedAsync(data, dataset.Documents(DateTimeOffset.UtcNow.AddDays(-60)), CancellationToken.None);
        Console.WriteLine($"  seeded through ISyncStore in {took.TotalSeconds:0.0} s ({size / took.TotalSeconds:N0} documents/s)");
        await Seeder.AddUsersAsync(data, [
            new SyncUser("supervisor", UserRole.HealthWorker, facilities[..10]),
            new SyncUser("writer", UserRole.HealthWorker, facilities),
        ], CancellationToken.None);
        return data;
    }

    // Pushes the changes, then returns one timed pull of them from the checkpoint that stood before them.
    private static async Task<Func<Task<double>>> ChangeAsync(FieldSyncServer server, string data, int size, int changes)
    {
        var factory = new DocumentFactory(11);
        var updates = Enumerable.Range(0, int.MaxValue).Where(p => p % Facilities().Length < 10).Take(changes)
            .Select(p => new JsonObject
            {
                ["opId"] = "inc-" + p.ToString(CultureInfo.InvariantCulture), ["type"] = "update", ["collection"] = "patients",
                ["documentId"] = Dataset.PatientId(p), ["baseVersion"] = 1, ["data"] = new JsonObject { ["phone"] = factory.Phone() },
            }).ToList();
        if (updates.Any(u => int.Parse(((string)u["documentId"]!)[4..], CultureInfo.InvariantCulture) * 4 >= size))
        {
            throw new InvalidOperationException($"{size} documents hold too few patients for {changes} changes.");
        }

        using (var writer = ServerPullScenario.Client(server, data, "writer"))
        {
            await new PushClient(writer, "tab-writer").PushAsync(updates, CancellationToken.None);
        }

        // Every document was written before the changes, so the device's checkpoint stands at the data set's size.
        var checkpoint = Checkpoint.Encode(size);
        var client = new PullClient(ServerPullScenario.Client(server, data, "supervisor"), "tab-supervisor");
        return async () =>
        {
            var watch = Stopwatch.StartNew();
            var page = await client.PullOnceAsync(1000, 1, compress: false, checkpoint, CancellationToken.None);
            var ms = watch.Elapsed.TotalMilliseconds;
            return page.Documents == changes && !page.HasMore
                ? ms
                : throw new InvalidOperationException($"The incremental pull returned {page.Documents} documents, not {changes}.");
        };
    }

    private static string[] Facilities() =>
        [.. Enumerable.Range(1, 20).Select(i => "fac-dist-" + i.ToString("D2", CultureInfo.InvariantCulture))];
}
