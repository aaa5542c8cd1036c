namespace FieldSync.Client.Wire;

/// <summary>
/// One page of changes: live documents, deletions, where to continue, and the facilities it was read for (null for a
/// caller who sees every facility, or from a server that does not say). Read by <see cref="PullPageReader"/>; its documents
/// are slices of <see cref="Bytes"/>, given back to the pool on <see cref="Dispose"/> once the page is stored.
/// </summary>
internal sealed record PullResponseBody(
    IReadOnlyList<PulledDocument>? Documents, IReadOnlyList<DeletionNotice>? Deletions, string? Checkpoint, bool HasMore,
    IReadOnlyList<string>? Facilities = null) : IDisposable
{
    /// <summary>The response the documents are slices of; null when they own their bytes.</summary>
    public PooledBytes? Bytes { get; init; }

    public void Dispose() => Bytes?.Dispose();
}
