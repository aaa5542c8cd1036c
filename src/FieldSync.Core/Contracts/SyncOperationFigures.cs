namespace FieldSync.Core.Contracts;

/// <summary>Pull figures of a status report.</summary>
public sealed record SyncOperationFigures(long Total, long Failed, long DocumentsSent, double AvgDurationMs);
