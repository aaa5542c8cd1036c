using System.Text.Json;

namespace FieldSync.Benchmarks.Roles;

/// <summary>What a child role prints as its last line: documents moved, seconds, its own peak memory and bytes received.</summary>
internal sealed record ChildResult(long Documents, double Seconds, long PeakBytes, long WireBytes)
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, _options);

    public static ChildResult Parse(string json) => JsonSerializer.Deserialize<ChildResult>(json, _options)
        ?? throw new InvalidDataException("empty child result");

    /// <summary>This process's peak resident memory (<c>VmHWM</c> on Linux).</summary>
    public static long OwnPeak()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
