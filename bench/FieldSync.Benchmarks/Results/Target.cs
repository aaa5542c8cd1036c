namespace FieldSync.Benchmarks.Results;

/// <summary>A target of the issue and whether this run met it; <see cref="Met"/> is null when it could not be measured.</summary>
internal sealed record Target(string Scenario, string Goal, string Measured, bool? Met);
