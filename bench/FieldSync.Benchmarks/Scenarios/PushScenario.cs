using System.Diagnostics;
using FieldSync.Benchmarks.Baselines;
using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Wire;
using FieldSync.Core.Documents;
using FieldSync.Core.Security;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: a device pushes its offline backlog in batches of 500 (creates, updates of which half conflict, deletes).
/// Figure: operations per second, first request to last response, after a warm-up push. Baseline: the rows it leaves
/// upserted straight into a copy of the same database in transactions of 500.
/// </summary>
internal static class PushScenario
{
    public const string Name = "push";
    public const int BatchSize = 500;

    // Like the other throughput figures, the push is timed after a warm-up: the server is a fresh process each run, and
    // its first batches would otherwise time the JIT compiling the push path, while the baseline runs in this process,
    // compiled by its first run. The warm-up pushes a backlog of its own (other documents, another device; as large as
    // the timed one, at most 4,000 operations), and the baseline's database gets the same rows upserted, so the two
    // databases stay alike.
    private const int MaxWarmupOperations = 4_000;

    public static async Task RunAsync(BenchContext context)
    {
        var count = context.Options.PushOperations;
        var at = DateTimeOffset.UtcNow.AddDays(-10);
        var backlog = PushBacklog.Make(count, at);
        var warmup = PushBacklog.Make(Math.Min(count, MaxWarmupOperations), at, "warmup-");
        List<SyncDocument> seed = [.. backlog.Seed, .. warmup.Seed];
        var pushRates = new List<double>();
        var upsertRates = new List<double>();
        var conflicts = 0;
        for (var run = 0; run < context.Runs; run++)
        {
            var baseline = context.NewDirectory("upsert");
            await Seeder.SeedAsync(baseline, seed, CancellationToken.None);
            RawUpsert.Run(Seeder.DatabasePath(baseline), warmup.Rows, BatchSize);
            upsertRates.Add(count / RawUpsert.Run(Seeder.DatabasePath(baseline), backlog.Rows, BatchSize).TotalSeconds);

            var data = context.NewDirectory("push");
            await Seeder.SeedAsync(data, seed, CancellationToken.None);
            await Seeder.AddUsersAsync(data, [new SyncUser("pusher", UserRole.HealthWorker, [PushBacklog.Facility])],
                CancellationToken.None);
            await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
            using var http = ServerPullScenario.Client(server, data, "pusher");
            await PushAllAsync(new PushClient(http, "tab-warmup"), warmup);
            var client = new PushClient(http, "tab-backlog");
            conflicts = 0;
            var watch = Stopwatch.StartNew();
            foreach (var batch in backlog.Operations.Chunk(BatchSize))
            {
                conflicts += PushClient.Expect(await client.PushAsync(batch, CancellationToken.None)).Conflicts;
            }

            pushRates.Add(count / watch.Elapsed.TotalSeconds);
        }

        var figure = context.Report.Add(new Figure(Name,
            $"push of {count:N0} operations in batches of {BatchSize} ({conflicts:N0} conflicts)",
            Stats.Best(pushRates), "operations/s", $"the same rows upserted into SQLite, {BatchSize} per transaction",
                Stats.Best(upsertRates)));
        context.Report.Check(Name, "push >= 0.5 x raw upsert", $"{figure.Ratio:0.###} x", figure.Ratio >= 0.5);
    }

    private static async Task PushAllAsync(PushClient client, PushBacklog backlog)
    {
        foreach (var batch in backlog.Operations.Chunk(BatchSize))
        {
            PushClient.Expect(await client.PushAsync(batch, CancellationToken.None));
        }
    }
}
