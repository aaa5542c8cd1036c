namespace FieldSync.Core.Configuration;

/// <summary>Push batch limits.</summary>
public sealed class PushLimits
{
    /// <summary>The most queued operations one push may carry. Default: 500.</summary>
    public int MaxOperationsPerBatch { get; init; } = 500;
}
