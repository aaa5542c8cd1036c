namespace FieldSync.Client.Wire;

/// <summary>The body of <c>POST /v1/sync/pull</c>: one page from a checkpoint.</summary>
internal sealed record PullRequestBody(string DeviceId, IReadOnlyList<string>? Collections, string? Checkpoint, int PageLimit, int MaxPages);
