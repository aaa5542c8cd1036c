namespace FieldSync.Client.Wire;

/// <summary>The answer to a push: one result per operation, in the order sent.</summary>
internal sealed record PushResponseBody(IReadOnlyList<WireOperationResult>? Results);
