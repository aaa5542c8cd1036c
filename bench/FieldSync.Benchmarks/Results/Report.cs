using System.Collections.Concurrent;

namespace FieldSync.Benchmarks.Results;

/// <summary>The figures, targets and notes of one run, as the scenarios add them.</summary>
internal sealed class Report
{
    private readonly ConcurrentQueue<Figure> _figures = new();
    private readonly ConcurrentQueue<Target> _targets = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentDictionary<string, string> _versions = new(StringComparer.Ordinal);

    public IReadOnlyList<Figure> Figures => [.. _figures];

    public IReadOnlyList<Target> Targets => [.. _targets];

    public IReadOnlyList<string> Notes => [.. _notes];

    public IReadOnlyDictionary<string, string> Versions => _versions;

    public Figure Add(Figure figure)
    {
        _figures.Enqueue(figure);
        var ratio = figure.Ratio is { } r ? $"  ratio {r:0.###}" : "";
        var baseline = figure.BaselineValue is { } b ? $"  (baseline {Format(b)} {figure.Unit}: {figure.Baseline})" : "";
        Console.WriteLine($"  {figure.Scenario,-12} {figure.Name,-46} {Format(figure.Value),12} {figure.Unit}{baseline}{ratio}");
        return figure;
    }

    public void Check(string scenario, string goal, string measured, bool? met)
    {
        _targets.Enqueue(new Target(scenario, goal, measured, met));
        var verdict = met is null ? "not measured" : met.Value ? "MET" : "MISSED";
        Console.WriteLine($"  {scenario,-12} target: {goal} -> {measured}: {verdict}");
    }

    public void Note(string note)
    {
        _notes.Enqueue(note);
        Console.WriteLine("  note: " + note);
    }

    public void Version(string name, string version) => _versions[name] = version;

    public static string Format(double value) => Math.Abs(value) switch
    {
        >= 1000 => value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
    };
}
