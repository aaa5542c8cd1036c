namespace FieldSync.Benchmarks;

/// <summary>Medians and percentiles of measured samples.</summary>
internal static class Stats
{
    /// <summary>The highest rate of several runs: the one least disturbed by other work on the machine.</summary>
    public static double Best(IEnumerable<double> rates) => rates.Max();

    public static double Median(IEnumerable<double> samples) => Percentile(samples, 50);

    /// <summary>The nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);
}
