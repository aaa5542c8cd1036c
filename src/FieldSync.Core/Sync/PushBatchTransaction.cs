using FieldSync.Core.Storage;

namespace FieldSync.Core.Sync;

/// <summary>
/// The write transaction of a push batch, begun when the first operation needs storage. Where the store serializes its
/// writers a batch commits once, so its operations share one wait for the disk instead of one each; elsewhere every
/// operation commits on its own. Either way an operation is wholly in a commit or not.
/// </summary>
internal sealed class PushBatchTransaction(ISyncStore store) : IAsyncDisposable
{
    private ISyncTransaction? _transaction;

    /// <summary>The index of the first operation that used the transaction; null while none has.</summary>
    public int? FirstIndex { get; private set; }

    /// <summary>The batch's transaction, begun for operation <paramref name="index"/> if it is the first to need it.</summary>
    /// <exception cref="Errors.StorageException">The transaction could not begin.</exception>
    public async Task<ISyncTransaction> ForAsync(int index, CancellationToken cancellationToken)
    {
        FirstIndex ??= index;
        return _transaction ??= await store.BeginAsync(cancellationToken);
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
