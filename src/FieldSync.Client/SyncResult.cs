namespace FieldSync.Client;

/// <summary>What one <see cref="FieldSyncClient.SyncAsync"/> moved, added up over its retries.</summary>
/// <param name="Pushed">Operations the server acknowledged (applied, resolved or already processed) and that left the outbox.</param>
/// <param name="Duplicates">Of <paramref name="Pushed"/>, operations the server had already processed (a reply was lost before).</param>
/// <param name="Conflicts">Of <paramref name="Pushed"/>, updates the server settled by the collection's conflict strategy.</param>
/// <param name="Rejected">Operations refused for good, moved to the rejected list.</param>
/// <param name="Pulled">Documents received from the server.</param>
/// <param name="Deleted">Deletions received from the server.</param>
/// <param name="Pages">Pull pages received.</param>
/// <param name="Pending">Operations still in the outbox when the pass ended (local edits made during the sync, for instance).</param>
public sealed record SyncResult(int Pushed, int Duplicates, int Conflicts, int Rejected, int Pulled, int Deleted, int Pages, int Pending);
