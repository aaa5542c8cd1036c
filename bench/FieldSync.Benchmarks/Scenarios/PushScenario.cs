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
/// Figure: operations per second, first request to last response, after a warm-up push. Baseline (the target's): every
/// row the timed push left, read back from the server's database after the push, written straight into a copy of the same
/// database in transactions of 500 operations (<see cref="RawUpsert.RunAllRows"/>): the documents and the log rows the
/// design requires of a push (exactly-once records, conflict and deletion logs, batch summaries). Beside it, not checked:
/// the document rows alone upserted likewise (<see cref="RawUpsert.RunDocuments"/>), the baseline used before, which
/// leaves out disk work the push must do.
/// </summary>
internal static class PushScenario
{
    public const string Name = "push";
    public const int BatchSize = 500;

    private const string Device = "tab-backlog";
    private const string WarmupDevice = "tab-warmup";

    // Like the other throughput figures, the push is timed after a warm-up: the server is a fresh process each run, and
    // its first batches would otherwise time the JIT compiling the push path, while the baselines run in this process,
    // compiled by their first run. The warm-up pushes a backlog of its own (other documents, another device; as large as
    // the timed one, at most 10,000 operations), and each baseline's database gets the warm-up's rows written the same way
    // as the timed ones (all its rows, or its documents alone), so the databases stay alike. A district server runs for
    // weeks, so the figure is its steady state: after a warm-up of 4,000 operations the runtime was still replacing the
    // framework's precompiled code with optimized code during the timed push (16,800-17,800 operations/s; with the
    // framework compiled optimized up front, DOTNET_ReadyToRun=0, 20,000; after 10,000 operations of warm-up
    // 18,600-21,000).
    private const int MaxWarmupOperations = 10_000;

    public static async Task RunAsync(BenchContext context)
    {
        var count = context.Options.PushOperations;
        var at = DateTimeOffset.UtcNow.AddDays(-10);
        var backlog = PushBacklog.Make(count, at);
        var warmup = PushBacklog.Make(Math.Min(count, MaxWarmupOperations), at, "warmup-");
        List<SyncDocument> seed = [.. backlog.Seed, .. warmup.Seed];
        var (pushRates, rowRates, documentRates) = (new List<double>(), new List<double>(), new List<double>());
        var conflicts = 0;
        for (var run = 0; run < context.Runs; run++)
        {
            var data = context.NewDirectory("push");
            (var elapsed, conflicts) = await PushAsync(context, data, seed, warmup, backlog);
            pushRates.Add(count / elapsed.TotalSeconds);
            Console.WriteLine($"  run {run + 1}: pushed in {data}");

            // Read back before the clock starts: the baseline is given the rows, as the server was given the operations.
            var pushed = Seeder.DatabasePath(data);
            var warmupRows = PushedRows.Read(pushed, WarmupDevice, warmup.Operations, BatchSize);
            var rows = PushedRows.Read(pushed, Device, backlog.Operations, BatchSize);
            var copy = context.NewDirectory("rows");
            await Seeder.SeedAsync(copy, seed, CancellationToken.None);
            RawUpsert.RunAllRows(Seeder.DatabasePath(copy), warmupRows, BatchSize);
            rowRates.Add(count / RawUpsert.RunAllRows(Seeder.DatabasePath(copy), rows, BatchSize).TotalSeconds);
            Console.WriteLine($"  run {run + 1}: all rows written in {copy}");

            var upsert = context.NewDirectory("upsert");
            await Seeder.SeedAsync(upsert, seed, CancellationToken.None);
            RawUpsert.RunDocuments(Seeder.DatabasePath(upsert), warmup.Rows, BatchSize);
            documentRates.Add(count / RawUpsert.RunDocuments(Seeder.DatabasePath(upsert), backlog.Rows, BatchSize).TotalSeconds);
        }

        Report(context, $"push of {count:N0} operations in batches of {BatchSize} ({conflicts:N0} conflicts)", Stats.Best(pushRates),
            Stats.Best(rowRates), Stats.Best(documentRates));
    }

    private static void Report(BenchContext context, string name, double push, double allRows, double documents)
    {
        var figure = context.Report.Add(new Figure(Name, name, push, "operations/s",
            $"the rows the push leaves (documents, processed_operations, conflict_log, deletion_log, queue_processing_log) " +
            $"written straight into SQLite, {BatchSize} operations per transaction", allRows));
        context.Report.Add(new Figure(Name, "push beside the document rows alone upserted", push, "operations/s",
            $"the document rows alone upserted into SQLite, {BatchSize} per transaction (no log rows)", documents));
        context.Report.Check(Name, "push >= 0.5 x writing the rows the push leaves", $"{figure.Ratio:0.###} x", figure.Ratio >= 0.5);
    }

    // The warm-up push, then the timed one; the server is stopped before the rows are read back.
    private static async Task<(TimeSpan Elapsed, int Conflicts)> PushAsync(BenchContext context, string data,
        IReadOnlyList<SyncDocument> seed, PushBacklog warmup, PushBacklog backlog)
    {
        await Seeder.SeedAsync(data, seed, CancellationToken.None);
        await Seeder.AddUsersAsync(data, [new SyncUser("pusher", UserRole.HealthWorker, [PushBacklog.Facility])],
            CancellationToken.None);
        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        using var http = ServerPullScenario.Client(server, data, "pusher");
        await PushAllAsync(new PushClient(http, WarmupDevice), warmup);
        var client = new PushClient(http, Device);
        var conflicts = 0;
        var watch = Stopwatch.StartNew();
        foreach (var batch in backlog.Operations.Chunk(BatchSize))
        {
            conflicts += (await client.PushAsync(batch, CancellationToken.None)).Conflicts;
        }

        return (watch.Elapsed, conflicts);
    }

    private static async Task PushAllAsync(PushClient client, PushBacklog backlog)
    {
        foreach (var batch in backlog.Operations.Chunk(BatchSize))
        {
            await client.PushAsync(batch, CancellationToken.None);
        }
    }
}
