using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Benchmarks.Results;

/// <summary>Writes <c>bench/results/latest.json</c> and <c>latest.md</c>: machine, versions, date, figures and targets.</summary>
internal static class ResultsWriter
{
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    public static async Task WriteAsync(string directory, Report report, BenchOptions options, TimeSpan elapsed, string? loadAtStart)
    {
        Directory.CreateDirectory(directory);
        var machine = Machine();
        machine["loadAverageAtStart"] = loadAtStart;
        machine["loadAverageAtEnd"] = LoadAverage();
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var json = new JsonObject
        {
            ["machine"] = machine,
            ["versions"] = new JsonObject(report.Versions.OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
            ["date"] = date,
            ["command"] = options.CommandLine,
            ["quick"] = options.Quick,
            ["elapsedSeconds"] = Math.Round(elapsed.TotalSeconds, 1),
            ["figures"] = new JsonArray([.. report.Figures.Select(f => (JsonNode)new JsonObject
            {
                ["scenario"] = f.Scenario,
                ["figure"] = f.Name,
                ["value"] = Round(f.Value),
                ["unit"] = f.Unit,
                ["baseline"] = f.Baseline,
                ["baselineValue"] = f.BaselineValue is { } b ? Round(b) : null,
                ["ratio"] = f.Ratio is { } r ? Math.Round(r, 4) : null,
            })]),
            ["targets"] = new JsonArray([.. report.Targets.Select(t => (JsonNode)new JsonObject
            {
                ["scenario"] = t.Scenario, ["target"] = t.Goal, ["measured"] = t.Measured, ["met"] = t.Met,
            })]),
            ["notes"] = new JsonArray([.. report.Notes.Select(n => (JsonNode)n)]),
        };
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.json"), json.ToJsonString(_indented) + "\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "latest.md"), Markdown(report, options, machine, date, elapsed));
    }

    /// <summary>The figures as a Markdown table, also pasted into the README's Performance section.</summary>
    public static string FigureTable(Report report)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | figure | value | baseline (same run) | baseline value | ratio |");
        text.AppendLine("|---|---|---:|---|---:|---:|");
        foreach (var f in report.Figures)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {f.Scenario} | {f.Name} | {Report.Format(f.Value)} {f.Unit} | {f.Baseline ?? "—"} | ")
                .Append(f.BaselineValue is { } b ? $"{Report.Format(b)} {f.Unit}" : "—").Append(" | ")
                .Append(f.Ratio is { } r ? r.ToString("0.###", CultureInfo.InvariantCulture) : "—").AppendLine(" |");
        }

        return text.ToString();
    }

    public static string TargetTable(Report report)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | target | measured | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var t in report.Targets)
        {
            var met = t.Met is null ? "not measured" : t.Met.Value ? "yes" : "**no**";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Scenario} | {t.Goal} | {t.Measured} | {met} |");
        }

        return text.ToString();
    }

    private static string Markdown(Report report, BenchOptions options, JsonObject machine, string date, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("# FieldSync benchmark results").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {date}, {(options.Quick ? "quick (smoke) sizes" : "full sizes")}, " +
            $"{elapsed.TotalMinutes:0.0} minutes: `{options.CommandLine}`").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine["cpu"]}, {machine["cores"]} cores, " +
            $"{machine["memoryGiB"]} GiB, {machine["os"]}; load average (1, 5, 15 min) {machine["loadAverageAtStart"]} at the start, " +
            $"{machine["loadAverageAtEnd"]} at the end.").AppendLine();
        text.AppendLine("Versions: " + string.Join(", ", report.Versions.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key} {v.Value}")) + ".").AppendLine();
        text.AppendLine("Every ratio is value / baseline value, both measured in this run on this machine.").AppendLine();
        text.Append(FigureTable(report)).AppendLine();
        text.AppendLine("## Targets").AppendLine();
        text.Append(TargetTable(report));
        if (report.Notes.Count > 0)
        {
            text.AppendLine().AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }

    private static JsonObject Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new JsonObject
        {
            ["cpu"] = cpu ?? RuntimeInformation.ProcessArchitecture.ToString(),
            ["cores"] = Environment.ProcessorCount,
            ["memoryGiB"] = Math.Round(memory, 1),
            ["os"] = RuntimeInformation.OSDescription,
        };
    }

    /// <summary>The 1, 5 and 15 minute load averages: how busy the machine was with other work during the run.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static double Round(double value) => Math.Abs(value) >= 100 ? Math.Round(value, 1) : Math.Round(value, 4);
}
