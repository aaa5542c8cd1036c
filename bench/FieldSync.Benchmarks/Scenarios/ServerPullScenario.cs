using FieldSync.Benchmarks.Baselines;
using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Wire;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1, the server alone: a client that pulls the facility page after page (the server's largest pages) and
/// throws them away. Baseline: keyset read plus serialization in process. Then ten devices' first syncs at once
/// against a fresh server process, whose peak memory is the figure.
/// </summary>
internal static class ServerPullScenario
{
    public const string Name = "server-pull";
    private const int PageLimit = 1000;
    private const int MaxPages = 10;
    private const int Devices = 10;

    public static async Task RunAsync(BenchContext context)
    {
        var data = await context.FacilityDataAsync();
        var expected = context.Options.FacilityDocuments;
        // Baseline and server take turns, so that a load that comes and goes on the machine falls on both.
        var baselineRates = new List<double>();
        var serverRates = new List<double>();
        await using (var server = await FieldSyncServer.StartAsync(data, context.ConfigFile))
        {
            using var http = Client(server, data, BenchContext.Nurse(1));
            var client = new PullClient(http, "tab-alone");
            KeysetSerializer.Run(Seeder.DatabasePath(data), BenchContext.Facility, PageLimit);
            await client.PullAllAsync(PageLimit, MaxPages, compress: false, null, CancellationToken.None);
            for (var run = 0; run < context.Runs; run++)
            {
                var baseline = KeysetSerializer.Run(Seeder.DatabasePath(data), BenchContext.Facility, PageLimit);
                baselineRates.Add(baseline.Documents / baseline.Elapsed.TotalSeconds);
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var tally = await client.PullAllAsync(PageLimit, MaxPages, compress: false, null, CancellationToken.None);
                serverRates.Add(Check(tally, expected) / watch.Elapsed.TotalSeconds);
            }
        }

        var (serverRate, baselineRate) = (Stats.Best(serverRates), Stats.Best(baselineRates));
        var figure = context.Report.Add(new Figure(Name, "server alone: first sync read and discarded", serverRate, "documents/s",
            "keyset read + Utf8JsonWriter serialization in process", baselineRate));
        context.Report.Check(Name, "server alone >= 0.4 x in-process baseline", $"{figure.Ratio:0.###} x", figure.Ratio >= 0.4);
        await TenDevicesAsync(context, data, expected, serverRate);
    }

    private static async Task TenDevicesAsync(BenchContext context, string data, int expected, double oneDeviceRate)
    {
        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        var idle = server.Process.MemoryBytes();
        var clients = Enumerable.Range(0, Devices).Select(i => Client(server, data, BenchContext.Nurse(10 + i))).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tallies = await Task.WhenAll(clients.Select((http, i) =>
            new PullClient(http, $"tab-ten-{i}").PullAllAsync(PageLimit, MaxPages, compress: false, null, CancellationToken.None)));
        var elapsed = watch.Elapsed;
        foreach (var tally in tallies)
        {
            Check(tally, expected);
        }

        clients.ForEach(c => c.Dispose());
        var peak = Stats.Megabytes(server.Process.PeakMemoryBytes());
        context.Report.Add(new Figure(Name, $"server peak memory, {Devices} first syncs at once", peak, "MB",
            "the same server idle after start", Stats.Megabytes(idle)));
        context.Report.Add(new Figure(Name, $"{Devices} first syncs at once, total", Devices * (double)expected / elapsed.TotalSeconds,
            "documents/s", "one device alone (above)", oneDeviceRate));
        context.Report.Check(Name, $"server memory < 200 MB with {Devices} first syncs at once", $"{peak:0} MB", peak < 200);
    }

    private static int Check(PullTally tally, int expected) => tally.Documents == expected
        ? tally.Documents
        : throw new InvalidOperationException($"The pull returned {tally.Documents} documents, not {expected}.");

    public static HttpClient Client(FieldSyncServer server, string data, string user)
    {
        var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Seeder.TokenFor(data, user));
        return http;
    }
}
