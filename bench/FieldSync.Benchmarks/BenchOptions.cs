using System.Globalization;

namespace FieldSync.Benchmarks;

/// <summary>
/// The command line: <c>[--quick] [--docs N] [--large N] [--small N] [--devices N] [--changes N] [--keep] [scenario…]</c>.
/// <c>--quick</c> shrinks every size for a smoke run under two minutes; explicit sizes win over it.
/// </summary>
internal sealed class BenchOptions
{
    public static readonly string[] AllScenarios = ["first-sync", "server-pull", "incremental", "push", "realtime", "wire", "pouchdb"];

    public bool Quick { get; private init; }

    /// <summary>Documents of the facility that a first sync moves (scenarios 1, 5, 6). Full 100,000; quick 5,000.</summary>
    public int FacilityDocuments { get; private init; }

    /// <summary>The large database of the incremental pull. Full 1,000,000; quick 30,000.</summary>
    public int LargeDocuments { get; private init; }

    /// <summary>The small database of the incremental pull. 10,000.</summary>
    public int SmallDocuments { get; private init; }

    /// <summary>Changes an incremental pull brings. 100.</summary>
    public int IncrementalChanges { get; private init; }

    /// <summary>Operations of the push backlog. Full 10,000; quick 2,000.</summary>
    public int PushOperations { get; private init; }

    /// <summary>Connected SSE devices. Full 1,000; quick 200.</summary>
    public int Devices { get; private init; }

    /// <summary>Changes streamed to the devices. Full 100; quick 20.</summary>
    public int RealtimeChanges { get; private init; }

    /// <summary>Keep the work directory (databases) after the run.</summary>
    public bool Keep { get; private init; }

    public IReadOnlyList<string> Scenarios { get; private init; } = AllScenarios;

    public string CommandLine { get; private init; } = "";

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var scenarios = new List<string>();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick" or "--keep":
                    break;
                case "--docs" or "--large" or "--small" or "--devices" or "--changes" or "--push":
                    sizes[args[i]] = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture,
                        out var n)
                        && n > 0 ? n : throw new ArgumentException($"{args[i]} needs a positive whole number.");
                    i++;
                    break;
                case var name when AllScenarios.Contains(name):
                    scenarios.Add(name);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Scenarios: {string.Join(", ", AllScenarios)}.");
            }
        }

        int Size(string name, int full, int small) => sizes.TryGetValue(name, out var v) ? v : quick ? small : full;
        return new BenchOptions
        {
            Quick = quick,
            Keep = args.Contains("--keep"),
            FacilityDocuments = Size("--docs", 100_000, 5_000),
            LargeDocuments = Size("--large", 1_000_000, 30_000),
            SmallDocuments = Size("--small", 10_000, 10_000),
            IncrementalChanges = 100,
            PushOperations = Size("--push", 10_000, 2_000),
            Devices = Size("--devices", 1_000, 200),
            RealtimeChanges = Size("--changes", 100, 20),
            Scenarios = scenarios.Count == 0 ? AllScenarios : [.. scenarios.Distinct()],
            CommandLine = "dotnet run -c Release --project bench/FieldSync.Benchmarks --"
                + (args.Length == 0 ? "" : " " + string.Join(' ', args)),
        };
    }
}
