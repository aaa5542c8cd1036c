namespace FieldSync.Core.Contracts;

/// <summary>Session figures of a status report.</summary>
public sealed record SessionFigures(long Active, long Stale);
