using FieldSync.Core.Documents;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// The embedded default storage: one SQLite file in WAL mode. Writes go through one writer at a time (a gate in the
/// process plus <c>BEGIN IMMEDIATE</c>), so change sequences commit in order; each pull reads one snapshot.
/// </summary>
public sealed partial class SqliteSyncStore(SqliteStoreOptions options, TimeProvider clock, INotificationPublisher? publisher = null)
    : ISyncStore, IDisposable
{
    // SQLite's default page cache (2 MB per connection). A pull reads each page once, in order, and the file's pages stay in
    // the operating system's cache anyway: ten first syncs at once held ten full caches, 20-40 MB of the server's memory.
    private const int WriterCacheKibibytes = 2000;
    private const int ReaderCacheKibibytes = 256;
    // SQLite would copy the log into the database file inside the commit that crosses 1,000 pages; this store does it on a
    // connection of its own a moment after commits instead (WalCheckpointer), and its connections never do it themselves.
    private static readonly TimeSpan _checkpointDelay = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteWriter? _writer;
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // Zero would mean "wait for ever" to Microsoft.Data.Sqlite: a sub-second busy timeout still gives up.
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
    }.ToString();

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        Directory.CreateDirectory(directory!);
        await using var connection = await OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);
        await SqliteSchema.MigrateAsync(connection, cancellationToken);
    });

    /// <inheritdoc />
    public bool SerializesWriters => true;

    /// <inheritdoc />
    public Task<ISyncTransaction> BeginAsync(CancellationToken cancellationToken) => BeginAsync(durable: true, cancellationToken);

    // A transaction that is not durable commits without waiting for the disk (synchronous NORMAL, which SQLite lets a
    // connection change only outside a transaction); the next durable commit or checkpoint carries it to the disk.
    private async Task<ISyncTransaction> BeginAsync(bool durable, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await SqliteErrors.GuardAsync(async () =>
            {
                var writer = Writer;
                try
                {
                    var connection = await writer.Connection.TakeAsync(durable, cancellationToken);
                    return (ISyncTransaction)SqliteSyncTransaction.Begin(connection, writer);
                }
                catch
                {
                    // Busy, or the connection failed: the next writer starts from a new connection.
                    await writer.Connection.DiscardAsync();
                    throw;
                }
            });
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IChangeReader> OpenChangeReaderAsync(CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        var connection = await OpenAsync(ReaderCacheKibibytes, cancellationToken);
        try
        {
            return await BeginReadAsync(connection, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    });

    private static async Task<IChangeReader> BeginReadAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var transaction = connection.BeginTransaction(deferred: true);
        // The first read fixes the WAL snapshot: the horizon and every later page come from the same moment.
        var horizon = (long)(await Sql.ScalarAsync(connection, transaction, "SELECT value FROM sequences WHERE name = 'change'",
            cancellationToken))!;
        return (IChangeReader)new SqliteChangeReader(connection, transaction, horizon);
    }

    /// <inheritdoc />
    public Task<SyncUser?> FindUserAsync(string userId, CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Sql.Command(connection, null,
            "SELECT u.role, m.facility_id FROM users u LEFT JOIN facility_memberships m ON m.user_id = u.id WHERE u.id = $id " +
            "ORDER BY m.facility_id", ("$id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? role = null;
        var facilities = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            role = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                facilities.Add(reader.GetString(1));
            }
        }

        return role is not null && UserRoles.TryParse(role, out var parsed) ? new SyncUser(userId, parsed, facilities) : null;
    });

    /// <inheritdoc />
    public async Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(cancellationToken);
        await transaction.SaveUserAsync(user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendSyncOperationAsync(SyncOperationEntry entry, CancellationToken cancellationToken) =>
        AppendLogAsync(LogRows.SyncOperation(entry), cancellationToken);

    /// <inheritdoc />
    public Task AppendQueueBatchAsync(QueueBatchEntry entry, CancellationToken cancellationToken) =>
        AppendLogAsync(LogRows.QueueBatch(entry), cancellationToken);

    // Made by the first write transaction, inside the writer gate.
    private SqliteWriter Writer =>
        _writer ??= new SqliteWriter(_writeGate, new WriterConnection(_connectionString, options.BusyTimeout),
            new WalCheckpointer(options.DatabasePath, OpenAsync, _checkpointDelay, _writeGate), clock, publisher);

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.Checkpointer.DisposeAsync();
            await _writer.Connection.DisposeAsync();
        }

        _writeGate.Dispose();
    }

    private async Task AppendAsync(LogRows.Row row, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(cancellationToken);
        await transaction.ExecuteAsync(row, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The row that records a pull or a push batch is written before the response ends, but without waiting for the disk:
    // waiting made every pull request one fsync longer (tens of milliseconds on a busy disk), which was most of the cost of
    // a page of 500. In WAL mode the row survives a crash of the process at once; a power cut may lose the newest such
    // rows until the next durable commit, never a document change or its own log rows.
    private async Task AppendLogAsync(LogRows.Row row, CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(durable: false, cancellationToken);
        await transaction.ExecuteAsync(row, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(WriterCacheKibibytes, cancellationToken);

    // Every open sets the page cache, so a pooled connection that served a pull gets the writers' cache back.
    private async Task<SqliteConnection> OpenAsync(int cacheKibibytes, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await Sql.ExecuteAsync(connection, null,
            $"PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = ON; " +
            $"PRAGMA cache_size = -{cacheKibibytes}; " +
            $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds};",
            cancellationToken);
        return connection;
    }

    internal static string Now(TimeProvider clock) => DocumentJson.FormatTime(clock.GetUtcNow());
}
