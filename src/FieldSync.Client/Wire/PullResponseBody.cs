namespace FieldSync.Client.Wire;

/// <summary>
/// One page of changes: live documents, deletions, where to continue, and the facilities it was read for (null for a
/// caller who sees every facility, or from a server that does not say). Read by <see cref="PullPageReader"/>.
/// </summary>
internal sealed record PullResponseBody(
    IReadOnlyList<PulledDocument>? Documents, IReadOnlyList<DeletionNotice>? Deletions, string? Checkpoint, bool HasMore,
    IReadOnlyList<string>? Facilities = null);
