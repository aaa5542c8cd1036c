using System.Diagnostics;
using FieldSync.Benchmarks;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Roles;

// Child roles: the benchmark starts itself again to measure a client, a copy or a baseline server in its own process.
switch (args.FirstOrDefault())
{
    case "client-sync":
        return await ClientSyncRole.RunAsync(args[1..]);
    case "raw-copy":
        return await RawCopyRole.RunAsync(args[1..]);
    case "sse-baseline":
        return await SseBaselineRole.RunAsync(args[1..]);
    default:
        break;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/FieldSync.Benchmarks -- [--quick] [--docs N] [--large N] " +
        "[--small N] [--push N] [--devices N] [--changes N] [--keep] [" + string.Join('|', BenchOptions.AllScenarios) + "]…");
    return 2;
}

var root = Repository.FindRoot();
var work = Path.Combine(Path.GetTempPath(), "fieldsync-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss",
    System.Globalization.CultureInfo.InvariantCulture));
Directory.CreateDirectory(work);
var report = new Report();
var context = new BenchContext(options, report, root, work);
Versions.Collect(report, root);
Console.WriteLine($"FieldSync benchmarks ({(options.Quick ? "quick" : "full")}): {string.Join(", ", options.Scenarios)}; work in {work}");
var total = Stopwatch.StartNew();
var loadAtStart = ResultsWriter.LoadAverage();
var failed = false;
foreach (var scenario in options.Scenarios)
{
    Console.WriteLine($"[{scenario}]");
    var watch = Stopwatch.StartNew();
    try
    {
        await Scenario.RunAsync(scenario, context);
    }
#pragma warning disable CA1031 // One broken scenario is reported and the others still run.
    catch (Exception e)
#pragma warning restore CA1031
    {
        failed = true;
        report.Note($"{scenario} failed: {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine(e);
    }

    await context.EndScenarioAsync();

    Console.WriteLine($"  ({watch.Elapsed.TotalSeconds:0.0} s)");
}

await ResultsWriter.WriteAsync(Path.Combine(root, "bench", "results"), report, options, total.Elapsed, loadAtStart);
Console.WriteLine($"Wrote bench/results/latest.md and latest.json in {total.Elapsed.TotalSeconds:0} s.");
if (!options.Keep)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // A leftover temporary directory is harmless.
    }
}

return failed ? 1 : 0;
