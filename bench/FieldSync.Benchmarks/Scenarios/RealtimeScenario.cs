using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Wire;
using FieldSync.Core.Security;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: 1,000 devices of one facility hold <c>/v1/sync/events</c> open while another device pushes a stream of
/// patient updates, ten a second, one per request. Latency runs from commit to receipt: from the notice's
/// <c>createdAt</c>, stamped inside the committing transaction (so the commit's own wait for the disk is inside it), to
/// the moment each device reads the event. The delay from the writer's send is reported beside it: it adds the push
/// request and its wait for the single writer. Baseline: the same devices on a bare ASP.NET Core SSE server whose publish
/// request stamps the message and fans it out. Both servers first carry ten changes that are not timed: the first change
/// after a start compiles the path it takes, and as one change of a hundred it alone made the p99 (74 ms against 13-20 ms
/// for the others).
/// </summary>
internal static class RealtimeScenario
{
    public const string Name = "realtime";
    private const int Nurses = 10;
    private const int WarmupChanges = 10;
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(BenchContext context)
    {
        var (devices, changes) = (context.Options.Devices, context.Options.RealtimeChanges);
        var baseline = await BaselineAsync(devices, changes);
        var measured = await FieldSyncAsync(context, devices, changes);
        foreach (var (label, percentile) in new[] { ("p50", 50.0), ("p99", 99.0) })
        {
            context.Report.Add(new Figure(Name, $"delivery latency {label}, {devices:N0} SSE devices",
                Stats.Percentile(measured.Latencies, percentile),
                "ms", "bare ASP.NET Core SSE fan-out, same devices", Stats.Percentile(baseline.Latencies, percentile)));
        }

        context.Report.Add(new Figure(Name, "from the writer's send to receipt p99", Stats.Percentile(measured.SinceSent, 99),
            "ms", "the same on the bare fan-out", Stats.Percentile(baseline.SinceSent, 99)));
        context.Report.Add(new Figure(Name, "the writer's push round trip p99", Stats.Percentile(measured.RoundTrips, 99),
            "ms", "the baseline's publish round trip p99", Stats.Percentile(baseline.RoundTrips, 99)));
        var p99 = Stats.Percentile(measured.Latencies, 99);
        context.Report.Check(Name, $"p99 < 50 ms with {devices:N0} devices", $"{p99:0.0} ms", p99 < 50);
        if (measured.Missing > 0 || baseline.Missing > 0)
        {
            context.Report.Note($"realtime: {measured.Missing} FieldSync and {baseline.Missing} baseline deliveries of " +
                $"{devices * changes} did not arrive within 30 s.");
        }
    }

    private static async Task<Deliveries> FieldSyncAsync(BenchContext context, int devices, int changes)
    {
        var data = context.NewDirectory("realtime");
        var factory = new DocumentFactory(31);
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await Seeder.SeedAsync(data, Enumerable.Range(0, changes).Select(PatientId).Concat(Enumerable.Range(0, WarmupChanges).Select(WarmupId))
            .Select((id, i) => Dataset.Stored("patients", id, BenchContext.Facility, factory.Patient(BenchContext.Facility, i), at)),
                CancellationToken.None);
        await Seeder.AddUsersAsync(data, Enumerable.Range(0, Nurses + 1)
            .Select(i => new SyncUser(BenchContext.Nurse(i), UserRole.HealthWorker, [BenchContext.Facility])), CancellationToken.None);
        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        var tokens = Enumerable.Range(0, Nurses).Select(i => Seeder.TokenFor(data, BenchContext.Nurse(i))).ToArray();
        await using var listeners = new SseDevices();
        await listeners.ConnectAsync(devices, 50, i => (new Uri(server.Address, $"v1/sync/events?deviceId=dev-{i:D4}"),
            tokens[i % Nurses]));
        using var writer = ServerPullScenario.Client(server, data, BenchContext.Nurse(Nurses));
        var push = new PushClient(writer, "tab-writer");
        JsonObject Update(string id) => new()
        {
            ["opId"] = "rt-" + id, ["type"] = "update", ["collection"] = "patients", ["documentId"] = id, ["baseVersion"] = 1,
            ["data"] = new JsonObject { ["phone"] = factory.Phone() },
        };
        // Not timed: the devices only time documents they were told were sent.
        for (var i = 0; i < WarmupChanges; i++)
        {
            var next = Task.Delay(_interval);
            await push.PushAsync([Update(WarmupId(i))], CancellationToken.None);
            await next;
        }

        var roundTrips = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var id = PatientId(i);
            var next = Task.Delay(_interval);
            listeners.Sent(id);
            var sent = System.Diagnostics.Stopwatch.GetTimestamp();
            await push.PushAsync([Update(id)], CancellationToken.None);
            roundTrips.Add(System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await next;
        }

        await listeners.WaitForAsync(devices * changes, TimeSpan.FromSeconds(30));
        return new Deliveries([.. listeners.Latencies], [.. listeners.SinceSent], devices * changes - listeners.Latencies.Count, roundTrips);
    }

    private static async Task<Deliveries> BaselineAsync(int devices, int changes)
    {
        var port = ChildProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var executable = Path.Combine(AppContext.BaseDirectory,
            OperatingSystem.IsWindows() ? "FieldSync.Benchmarks.exe" : "FieldSync.Benchmarks");
        await using var server = ChildProcess.Start(executable, ["sse-baseline", port.ToString(CultureInfo.InvariantCulture)]);
        await Health.WaitAsync(server, new Uri(address, "health"), "the SSE baseline server");
        await using var listeners = new SseDevices();
        await listeners.ConnectAsync(devices, 50, _ => (new Uri(address, "events"), null));
        using var trigger = new HttpClient { BaseAddress = address };
        for (var i = 0; i < WarmupChanges; i++)
        {
            var next = Task.Delay(_interval);
            using var response = await trigger.PostAsJsonAsync("publish", new { documentId = WarmupId(i) });
            response.EnsureSuccessStatusCode();
            await next;
        }

        var roundTrips = new List<double>();
        for (var i = 0; i < changes; i++)
        {
            var id = PatientId(i);
            var next = Task.Delay(_interval);
            listeners.Sent(id);
            var sent = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await trigger.PostAsJsonAsync("publish", new { documentId = id });
            response.EnsureSuccessStatusCode();
            roundTrips.Add(System.Diagnostics.Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            await next;
        }

        await listeners.WaitForAsync(devices * changes, TimeSpan.FromSeconds(30));
        return new Deliveries([.. listeners.Latencies], [.. listeners.SinceSent], devices * changes - listeners.Latencies.Count, roundTrips);
    }

    private static string PatientId(int i) => "pat-rt-" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string WarmupId(int i) => "pat-rt-warmup-" + i.ToString("D2", CultureInfo.InvariantCulture);

    private sealed record Deliveries(List<double> Latencies, List<double> SinceSent, int Missing, List<double> RoundTrips);
}
