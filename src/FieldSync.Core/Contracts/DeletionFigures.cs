namespace FieldSync.Core.Contracts;

/// <summary>Deletion figures of a status report.</summary>
public sealed record DeletionFigures(long Total);
