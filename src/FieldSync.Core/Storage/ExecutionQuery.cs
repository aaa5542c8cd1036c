namespace FieldSync.Core.Storage;

/// <summary>Which executions of a function to list, newest first.</summary>
/// <param name="FunctionId">The function.</param>
/// <param name="UserId">Only those this user ran; null for every caller's.</param>
/// <param name="Status">Only those in this status; null for any.</param>
/// <param name="Limit">The most to return.</param>
/// <param name="Offset">How many of the newest to skip.</param>
public sealed record ExecutionQuery(string FunctionId, string? UserId, string? Status, int Limit, int Offset);
