namespace FieldSync.Core.Contracts;

/// <summary>Push figures of a status report: batches, operations, operations not applied, and those retryable.</summary>
public sealed record QueueFigures(long Batches, long Operations, long Failed, long Retryable);
