namespace FieldSync.Benchmarks.Wire;

/// <summary>What a pull from a checkpoint to the end moved.</summary>
internal sealed class PullTally
{
    public int Documents { get; set; }

    public int Requests { get; set; }

    public string? Checkpoint { get; set; }
}
