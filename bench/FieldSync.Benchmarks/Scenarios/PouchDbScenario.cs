using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Roles;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 6: the same first sync through PouchDB. pouchdb-server (npm; express-pouchdb on leveldb) runs on loopback
/// holding the same documents (loaded with <c>_bulk_docs</c>, untimed); a Node process replicates them into a fresh
/// on-disk PouchDB (leveldb) with batches of 500, the SDK's page size. Figure: the SDK's first-sync rate of this run;
/// baseline: PouchDB's replication rate. The packages are installed into bench/pouchdb with <c>npm ci</c> when missing.
/// </summary>
internal static class PouchDbScenario
{
    public const string Name = "pouchdb";
    private const int BatchSize = FirstSyncScenario.PageLimit;

    public static async Task RunAsync(BenchContext context)
    {
        var folder = Path.Combine(context.RepositoryRoot, "bench", "pouchdb");
        if (await InstallAsync(context, folder) is { } problem)
        {
            context.Report.Note("pouchdb: " + problem);
            context.Report.Check(Name, "SDK first sync >= 10 x PouchDB replication", "PouchDB could not be installed", null);
            return;
        }

        context.Report.Version("node", Versions.Run("node", folder, "--version")?.TrimStart('v') ?? "unknown");
        context.Report.Version("pouchdb-server", PackageVersion(folder, "pouchdb-server"));
        context.Report.Version("pouchdb-node", PackageVersion(folder, "pouchdb-node"));
        var expected = context.Options.FacilityDocuments;
        var sdkRate = context.SdkDocumentsPerSecond ?? await FirstSyncScenario.MeasureSdkAsync(context);
        var port = ChildProcess.FreePort();
        var directory = context.NewDirectory("pouchdb-server");
        await using var server = ChildProcess.Start("node", [Path.Combine(folder, "node_modules", "pouchdb-server", "bin",
            "pouchdb-server"),
            "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", directory, "--config", Path.Combine(directory, "config.json"),
            "--no-stdout-logs"], directory);
        var address = new Uri($"http://127.0.0.1:{port}/");
        await Health.WaitAsync(server, address, "pouchdb-server");
        await LoadAsync(context, address);

        var local = Path.Combine(context.NewDirectory("pouchdb-local"), "facility");
        var result = await ReplicateAsync(folder, new Uri(address, "facility").ToString(), local);
        var pouchRate = result.Documents / result.Seconds;
        if (result.Documents != expected)
        {
            throw new InvalidOperationException($"PouchDB replicated {result.Documents} documents, not {expected}.");
        }

        var figure = context.Report.Add(new Figure(Name, $"SDK first sync of {expected:N0} documents vs PouchDB", sdkRate, "documents/s",
            $"PouchDB replicate() from pouchdb-server into leveldb, batches of {BatchSize}", pouchRate));
        context.Report.Add(new Figure(Name, "pouchdb-server peak memory during the replication",
            Stats.Megabytes(server.PeakMemoryBytes()), "MB",
            "fieldsync serve during the SDK's first syncs", context.ServerPeakMegabytes));
        context.Report.Add(new Figure(Name, "PouchDB client (node) peak memory", Stats.Megabytes(result.PeakBytes), "MB",
            "the SDK's process during its first sync", context.ClientPeakMegabytes));
        context.Report.Check(Name, "SDK first sync >= 10 x PouchDB replication", $"{figure.Ratio:0.#} x", figure.Ratio >= 10);
    }

    private static async Task<string?> InstallAsync(BenchContext context, string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", "pouchdb-server")) && Directory.Exists(Path.Combine(folder,
            "node_modules", "pouchdb-node")))
        {
            return null;
        }

        if (Versions.Run("node", folder, "--version") is null || Versions.Run("npm", folder, "--version") is null)
        {
            return "node and npm are needed for the PouchDB comparison (apt-get install nodejs npm); not found on PATH.";
        }

        Console.WriteLine("  installing pouchdb-server and pouchdb-node with npm ci (first run only) ...");
        await using var npm = ChildProcess.Start("npm", ["ci", "--no-audit", "--no-fund"], folder);
        var exit = await npm.WaitForExitAsync(TimeSpan.FromMinutes(15));
        _ = context;
        return exit == 0 ? null : $"npm ci in bench/pouchdb failed with exit code {exit}:{Environment.NewLine}{npm.Tail()}";
    }

    private static async Task LoadAsync(BenchContext context, Uri address)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
        (await http.PutAsync(new Uri("facility", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var at = DateTimeOffset.UtcNow.AddDays(-30);
        foreach (var batch in context.FacilityDataset.Documents(at).Chunk(1000))
        {
            var docs = new JsonArray();
            foreach (var document in batch)
            {
                var doc = new JsonObject { ["_id"] = document.Collection + ":" + document.Id, ["collection"] = document.Collection };
                foreach (var (field, value) in document.Body)
                {
                    doc[field] = value?.DeepClone();
                }

                docs.Add(doc);
            }

            using var content = new StringContent(new JsonObject { ["docs"] = docs }.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(new Uri("facility/_bulk_docs", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<ChildResult> ReplicateAsync(string folder, string remote, string local)
    {
        await using var node = ChildProcess.Start("node", [Path.Combine(folder, "replicate.js"), remote, local,
            BatchSize.ToString(CultureInfo.InvariantCulture)], folder);
        var exit = await node.WaitForExitAsync(TimeSpan.FromMinutes(30));
        var last = node.Tail().Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        if (exit != 0 || last is null)
        {
            throw new InvalidOperationException($"PouchDB replication failed (exit {exit}):{Environment.NewLine}{node.Tail()}");
        }

        var json = JsonNode.Parse(last)!;
        return new ChildResult((long)json["docs"]!, (double)json["seconds"]!, (long)json["peakRssBytes"]!, 0);
    }

    private static string PackageVersion(string folder, string package)
    {
        var path = Path.Combine(folder, "node_modules", package, "package.json");
        return File.Exists(path) ? (string?)JsonNode.Parse(File.ReadAllText(path))?["version"] ?? "unknown" : "unknown";
    }
}
