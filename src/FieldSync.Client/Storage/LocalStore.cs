using FieldSync.Client.Sync;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

/// <summary>
/// The device's SQLite file: documents, outbox, checkpoints and rejected operations. One connection, one writer at a
/// time: every method is one transaction under one lock, run off the caller's thread so a UI thread never waits on the disk.
/// </summary>
internal sealed partial class LocalStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _disposed;

    private LocalStore(SqliteConnection connection, string deviceId) => (_connection, DeviceId) = (connection, deviceId);

    /// <summary>The device the file belongs to.</summary>
    public string DeviceId { get; }

    /// <summary>Opens (or creates) the file.</summary>
    /// <exception cref="InvalidOperationException">The file belongs to another device or a newer SDK.</exception>
    /// <exception cref="FieldSyncException">The file cannot be opened.</exception>
    public static LocalStore Open(string path, string? deviceId)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return new LocalStore(connection, LocalSchema.Apply(connection, deviceId));
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SyncErrors.LocalStore(e, transient: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    private async Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(() =>
            {
                using var transaction = _connection.BeginTransaction();
                var result = work(transaction);
                transaction.Commit();
                return result;
            }, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw SyncErrors.LocalStore(e, transient: e.SqliteErrorCode is 5 or 6);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static DocumentRow? FindRow(SqliteTransaction transaction, string collection, string id) =>
        Db.Query(transaction, $"SELECT {DocumentRow.Columns} FROM documents WHERE collection = $c AND id = $i", DocumentRow.Read,
            ("$c", collection), ("$i", id)).FirstOrDefault();

    private static List<OutboxEntry> OperationsOf(SqliteTransaction transaction, string collection, string id) =>
        Db.Query(transaction, $"SELECT {OutboxEntry.Columns} FROM outbox WHERE collection = $c AND document_id = $i ORDER BY seq",
            OutboxEntry.Read, ("$c", collection), ("$i", id));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
