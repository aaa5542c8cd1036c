using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Roles;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: a device's first sync of its facility with the client SDK, from <c>fieldsync serve</c> on loopback into
/// the SDK's local SQLite file. Baseline: the same rows copied from the server's file into a fresh file by keyset pages
/// with prepared inserts, one transaction per page. Both run in a process of their own, so each peak memory is theirs.
/// </summary>
internal static class FirstSyncScenario
{
    public const string Name = "first-sync";
    public const int PageLimit = 500;

    public static async Task RunAsync(BenchContext context)
    {
        var data = await context.FacilityDataAsync();
        var expected = context.Options.FacilityDocuments;

        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        var idle = server.Process.MemoryBytes();
        // Copy and sync take turns, so that a load that comes and goes on the machine falls on both.
        var copies = new List<ChildResult>();
        var syncs = new List<ChildResult>();
        for (var run = 0; run < context.Runs; run++)
        {
            var target = Path.Combine(context.NewDirectory("raw-copy"), "device.db");
            copies.Add(await RoleRunner.RunAsync("raw-copy", Seeder.DatabasePath(data), target, BenchContext.Facility,
                PageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            syncs.AddRange(await SyncAsync(context, server, data, 1, firstNurse: 6 + run));
        }

        foreach (var result in syncs.Concat(copies).Where(r => r.Documents != expected))
        {
            throw new InvalidOperationException($"A first sync moved {result.Documents} documents, not {expected}.");
        }

        var sdkRate = Stats.Best(syncs.Select(s => s.Documents / s.Seconds));
        var copyRate = Stats.Best(copies.Select(c => c.Documents / c.Seconds));
        context.SdkDocumentsPerSecond = sdkRate;
        var report = context.Report;
        var rate = report.Add(new Figure(Name, $"SDK first sync of {expected:N0} documents", sdkRate, "documents/s",
            $"raw SQLite-to-SQLite copy (keyset pages of {PageLimit}, prepared inserts, a transaction per page)", copyRate));
        report.Add(new Figure(Name, "server peak memory during the SDK syncs", Stats.Megabytes(server.Process.PeakMemoryBytes()), "MB",
            "the same server idle after start", Stats.Megabytes(idle)));
        report.Add(new Figure(Name, "client (SDK) peak memory", Stats.Megabytes(syncs.Max(s => s.PeakBytes)), "MB",
            "the raw copy process", Stats.Megabytes(copies.Max(c => c.PeakBytes))));
        report.Check(Name, "SDK first sync >= 0.5 x raw copy", $"{rate.Ratio:0.###} x", rate.Ratio >= 0.5);
        context.SdkWireBytes = syncs.Min(s => s.WireBytes);
        context.ServerPeakMegabytes = Stats.Megabytes(server.Process.PeakMemoryBytes());
        context.ClientPeakMegabytes = Stats.Megabytes(syncs.Max(s => s.PeakBytes));
    }

    /// <summary>The SDK's first-sync rate alone, for a run that asks for the PouchDB comparison without scenario 1.</summary>
    public static async Task<double> MeasureSdkAsync(BenchContext context)
    {
        var data = await context.FacilityDataAsync();
        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        var syncs = await SyncAsync(context, server, data, context.Runs, firstNurse: 6);
        context.SdkDocumentsPerSecond = Stats.Best(syncs.Select(s => s.Documents / s.Seconds));
        context.ServerPeakMegabytes = Stats.Megabytes(server.Process.PeakMemoryBytes());
        context.ClientPeakMegabytes = Stats.Megabytes(syncs.Max(s => s.PeakBytes));
        return context.SdkDocumentsPerSecond.Value;
    }

    // Each sync runs as another nurse: the rate limit is per user, and a first sync in pages of 500 is 200 requests.
    private static async Task<List<ChildResult>> SyncAsync(BenchContext context, FieldSyncServer server, string data, int runs,
        int firstNurse)
    {
        var syncs = new List<ChildResult>();
        for (var run = 0; run < runs; run++)
        {
            var token = Seeder.TokenFor(data, BenchContext.Nurse(firstNurse + run));
            var database = Path.Combine(context.NewDirectory("sdk"), "fieldsync-local.db");
            syncs.Add(await RoleRunner.RunAsync("client-sync", server.Address.ToString(), token, database,
                $"tab-first-{run}-{Guid.NewGuid():N}",
                PageLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return syncs;
    }
}
