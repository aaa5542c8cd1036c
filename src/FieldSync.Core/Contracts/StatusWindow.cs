namespace FieldSync.Core.Contracts;

/// <summary>The window of a status report, in server time.</summary>
public sealed record StatusWindow(DateTimeOffset From, DateTimeOffset To);
