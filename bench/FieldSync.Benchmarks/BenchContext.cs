using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Results;
using FieldSync.Core.Security;

namespace FieldSync.Benchmarks;

/// <summary>What every scenario shares: options, the report, paths, and the facility data set prepared once per run.</summary>
internal sealed class BenchContext(BenchOptions options, Report report, string repositoryRoot, string workDirectory)
{
    /// <summary>The one facility whose records a first sync moves.</summary>
    public const string Facility = "fac-kano-001";

    private readonly List<string> _scenarioDirectories = [];
    private Task<string>? _facilityData;

    public BenchOptions Options { get; } = options;

    public Report Report { get; } = report;

    public string RepositoryRoot { get; } = repositoryRoot;

    public string WorkDirectory { get; } = workDirectory;

    /// <summary>The shipped configuration, as <c>fieldsync serve</c> reads it.</summary>
    public string ConfigFile => Path.Combine(RepositoryRoot, "config", "sync-configuration.json");

    /// <summary>
    /// Runs of each throughput measurement, value and baseline taking turns; the best of them counts, the run least
    /// disturbed by other work on the machine. 3, or 2 in quick mode.
    /// </summary>
    public int Runs => Options.Quick ? 2 : 3;

    /// <summary>The SDK's first-sync rate measured in this run, for the PouchDB comparison.</summary>
    public double? SdkDocumentsPerSecond { get; set; }

    /// <summary>Peak memory of <c>fieldsync serve</c> during the SDK's first syncs of this run, in MB.</summary>
    public double? ServerPeakMegabytes { get; set; }

    /// <summary>Peak memory of the SDK's process during its first syncs of this run, in MB.</summary>
    public double? ClientPeakMegabytes { get; set; }

    /// <summary>Bytes the SDK received on the wire for its first sync in this run (brotli, as it asks by default).</summary>
    public long? SdkWireBytes { get; set; }

    public Dataset FacilityDataset => new("facility", Options.FacilityDocuments, [Facility]);

    /// <summary>A data directory holding the facility's records and 20 nurses of it; made on first use.</summary>
    public Task<string> FacilityDataAsync() => _facilityData ??= PrepareFacilityAsync();

    /// <summary>A fresh directory under the work directory, for the running scenario only (see <see cref="EndScenarioAsync"/>).</summary>
    public string NewDirectory(string name)
    {
        var path = SharedDirectory(name);
        _scenarioDirectories.Add(path);
        return path;
    }

    /// <summary>
    /// Lets the next scenario start on a quiet disk and a small heap: the directories the scenario made are deleted (unless
    /// <c>--keep</c>), what is still unwritten of the rest is flushed, and this process's garbage is collected. A million-document database or a push's
    /// logs left behind were otherwise still being written back while the next scenario measured, and the latency of its
    /// durable commits (the realtime scenario's p99) carried the previous scenario's disk traffic.
    /// </summary>
    public async Task EndScenarioAsync()
    {
        if (!Options.Keep)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var directory in _scenarioDirectories.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // Left for the end of the run, which deletes the whole work directory.
                }
            }
        }

        _scenarioDirectories.Clear();
        // This process is also the devices of the next scenario: what the last one left on its heap must not be collected
        // while they measure.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var sync = System.Diagnostics.Process.Start("sync");
        if (sync is not null)
        {
            await sync.WaitForExitAsync();
        }
    }

    public static string Nurse(int number) => "nurse-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string SharedDirectory(string name)
    {
        var path = Path.Combine(WorkDirectory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    // Shared by the scenarios that move the facility's records: kept until the run ends.
    private async Task<string> PrepareFacilityAsync()
    {
        var directory = SharedDirectory("facility");
        Console.WriteLine($"  preparing {Options.FacilityDocuments:N0} documents of {Facility} ...");
        var took = await Seeder.SeedAsync(directory, FacilityDataset.Documents(DateTimeOffset.UtcNow.AddDays(-30)), CancellationToken.None);
        await Seeder.AddUsersAsync(directory,
            Enumerable.Range(0, 20).Select(i => new SyncUser(Nurse(i), UserRole.HealthWorker, [Facility])), CancellationToken.None);
        var rate = Options.FacilityDocuments / took.TotalSeconds;
        Console.WriteLine($"  seeded through ISyncStore in {took.TotalSeconds:0.0} s ({rate:N0} documents/s)");
        return directory;
    }
}
