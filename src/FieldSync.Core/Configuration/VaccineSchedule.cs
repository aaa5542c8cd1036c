namespace FieldSync.Core.Configuration;

/// <summary>One vaccine of the schedule.</summary>
public sealed class VaccineSchedule
{
    /// <summary>How many doses the vaccine has.</summary>
    public int Doses { get; init; } = 1;

    /// <summary>The number of the first dose: 1 for most vaccines, 0 where a birth dose is counted as dose 0. Default: 1.</summary>
    public int FirstDoseNumber { get; init; } = 1;

    /// <summary>The earliest age, in weeks, at which the first dose may be given. Default: 0.</summary>
    public int FirstDoseMinAgeWeeks { get; init; }
}
