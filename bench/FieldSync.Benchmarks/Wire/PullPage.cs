namespace FieldSync.Benchmarks.Wire;

/// <summary>What one pull response held.</summary>
internal sealed record PullPage(int Documents, string Checkpoint, bool HasMore);
