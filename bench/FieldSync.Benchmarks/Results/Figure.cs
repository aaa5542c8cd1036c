namespace FieldSync.Benchmarks.Results;

/// <summary>
/// One measured figure beside the baseline measured in the same run; <see cref="Ratio"/> is value over baseline value.
/// </summary>
internal sealed record Figure(string Scenario, string Name, double Value, string Unit, string? Baseline, double? BaselineValue)
{
    public double? Ratio => BaselineValue is { } b && b != 0 ? Value / b : null;
}
