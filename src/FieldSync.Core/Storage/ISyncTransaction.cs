using FieldSync.Core.Documents;

namespace FieldSync.Core.Storage;

/// <summary>
/// One write transaction: a document change, its log rows and its exactly-once record commit together or not at all.
/// Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public interface ISyncTransaction : IDocumentLookup, IAsyncDisposable
{
    /// <summary>Stores the document and gives it the next change sequence; returns it with that sequence.</summary>
    Task<SyncDocument> SaveAsync(SyncDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a document left a facility, at a new change sequence (returned). Readers return it as a tombstone of
    /// that facility to callers who may see the facility but not the document's current one.
    /// </summary>
    Task<long> RecordExitAsync(FacilityExit exit, CancellationToken cancellationToken);

    /// <summary>Appends a row to <c>conflict_log</c>.</summary>
    Task AppendConflictAsync(ConflictEntry entry, CancellationToken cancellationToken);

    /// <summary>Appends a row to <c>deletion_log</c>.</summary>
    Task AppendDeletionAsync(DeletionEntry entry, CancellationToken cancellationToken);

    /// <summary>The stored first result of this device's operation key, or null if it was never processed.</summary>
    Task<string?> FindProcessedOperationAsync(string deviceId, string operationKey, CancellationToken cancellationToken);

    /// <summary>
    /// The stored first results of those of <paramref name="operationKeys"/> that this device already processed, by key;
    /// keys never processed are absent. The default asks <see cref="FindProcessedOperationAsync"/> for each key.
    /// </summary>
    async Task<IReadOnlyDictionary<string, string>> FindProcessedOperationsAsync(
        string deviceId, IReadOnlyCollection<string> operationKeys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in operationKeys)
        {
            if (!found.ContainsKey(key) && await FindProcessedOperationAsync(deviceId, key, cancellationToken) is { } result)
            {
                found[key] = result;
            }
        }

        return found;
    }

    /// <summary>Records the first result of this device's operation key.</summary>
    Task RecordProcessedOperationAsync(string deviceId, string operationKey, string resultJson, CancellationToken cancellationToken);

    /// <summary>
    /// Records the first result of this device's operation key, given as UTF-8 JSON. The default decodes it for
    /// <see cref="RecordProcessedOperationAsync(string, string, string, CancellationToken)"/>.
    /// </summary>
    Task RecordProcessedOperationAsync(string deviceId, string operationKey, byte[] resultUtf8, CancellationToken cancellationToken) =>
        RecordProcessedOperationAsync(deviceId, operationKey, System.Text.Encoding.UTF8.GetString(resultUtf8), cancellationToken);

    /// <summary>
    /// Writes a <c>sync_notifications</c> row for every device whose session is active since <paramref name="activeSince"/>
    /// and whose user may see the change now (member of its facility, or <c>system</c>) and follows its collection.
    /// The rows are handed to the <see cref="Realtime.INotificationPublisher"/> once the transaction commits.
    /// </summary>
    Task NotifyAsync(Realtime.DocumentChange change, DateTimeOffset activeSince, CancellationToken cancellationToken);

    /// <summary>Makes every write of the transaction durable.</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}
