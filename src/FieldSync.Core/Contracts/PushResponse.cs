namespace FieldSync.Core.Contracts;

/// <summary>The answer to a push: counts and one result per operation, in order.</summary>
public sealed record PushResponse(int Processed, int Succeeded, int Failed, IReadOnlyList<OperationResult> Results);
