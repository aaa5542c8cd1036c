namespace FieldSync.Core.Contracts;

/// <summary>Conflict figures of a status report.</summary>
public sealed record ConflictFigures(long Total, IReadOnlyDictionary<string, long> ByStrategy);
