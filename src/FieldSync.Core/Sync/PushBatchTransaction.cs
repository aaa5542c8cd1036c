using System.Text;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Sync;

/// <summary>
/// The write transaction of a push batch, begun when the first operation needs storage. Where the store serializes its
/// writers a batch commits once, so its operations share one wait for the disk instead of one each; elsewhere every
/// operation commits on its own. Either way an operation is wholly in a commit or not.
/// </summary>
/// <param name="store">The store.</param>
/// <param name="deviceId">The pushing device.</param>
/// <param name="keys">The exactly-once key of each operation of the batch, by index.</param>
internal sealed class PushBatchTransaction(ISyncStore store, string deviceId, IReadOnlyList<string> keys) : IAsyncDisposable
{
    private ISyncTransaction? _transaction;
    private IReadOnlyDictionary<string, string>? _processed;
    private readonly Dictionary<string, byte[]> _recorded = new(StringComparer.Ordinal);

    /// <summary>The pushing device.</summary>
    public string DeviceId => deviceId;

    /// <summary>The index of the first operation that used the transaction; null while none has.</summary>
    public int? FirstIndex { get; private set; }

    /// <summary>The exactly-once key of operation <paramref name="index"/>.</summary>
    public string KeyOf(int index) => keys[index];

    /// <summary>The batch's transaction, begun for operation <paramref name="index"/> if it is the first to need it.</summary>
    /// <exception cref="Errors.StorageException">The transaction could not begin.</exception>
    public async Task<ISyncTransaction> ForAsync(int index, CancellationToken cancellationToken)
    {
        FirstIndex ??= index;
        return _transaction ??= await store.BeginAsync(cancellationToken);
    }

    /// <summary>
    /// The stored first result of operation <paramref name="index"/>, or null if it was never processed. A transaction that
    /// holds the whole batch (one writer at a time: nobody else can record a key meanwhile) reads the results of all the
    /// batch's keys at once, then keeps what the batch itself records.
    /// </summary>
    public async Task<string?> FindProcessedAsync(int index, CancellationToken cancellationToken)
    {
        var transaction = await ForAsync(index, cancellationToken);
        if (!store.SerializesWriters)
        {
            return await transaction.FindProcessedOperationAsync(deviceId, keys[index], cancellationToken);
        }

        _processed ??= await transaction.FindProcessedOperationsAsync(deviceId, keys, cancellationToken);
        return _recorded.TryGetValue(keys[index], out var recorded) ? Encoding.UTF8.GetString(recorded)
            : _processed.GetValueOrDefault(keys[index]);
    }

    /// <summary>Records the first result (UTF-8 JSON) of operation <paramref name="index"/> in the transaction it was applied in.</summary>
    public async Task RecordProcessedAsync(int index, byte[] resultUtf8, CancellationToken cancellationToken)
    {
        await _transaction!.RecordProcessedOperationAsync(deviceId, keys[index], resultUtf8, cancellationToken);
        if (_processed is not null)
        {
            _recorded.TryAdd(keys[index], resultUtf8);
        }
    }

    /// <summary>Commits what the operations wrote so far; nothing when none used the transaction. The next operation that
    /// needs storage begins a new one.</summary>
    /// <exception cref="Errors.StorageException">The commit failed: nothing since the last commit is kept.</exception>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_transaction is null)
        {
            return;
        }

        await _transaction.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
        _processed = null;
        _recorded.Clear();
        FirstIndex = null;
    }

    /// <summary>Ends the transaction; without a commit everything of the batch is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
            _transaction = null;
        }
    }
}
