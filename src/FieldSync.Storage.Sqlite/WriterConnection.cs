using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// The one connection every write transaction of a store uses, in turn, under the writer gate. It stays open with a page
/// cache of its own, so the pages a push batch reads and changes are still in memory for the next batch. Taken from the
/// pool, a writer got whichever connection a pull had used last, with its small cache, and gave its pages back at the
/// end of every transaction: each batch read its documents and index pages from the operating system again.
/// </summary>
/// <param name="connectionString">The store's connection string; this connection is not pooled.</param>
/// <param name="busyTimeout">How long a write waits for a lock another process holds.</param>
internal sealed class WriterConnection(string connectionString, TimeSpan busyTimeout) : IAsyncDisposable
{
    // A push batch of 500 operations dirties about 4 MB of pages; in SQLite's default 2 MB a transaction spilled pages to
    // the log before its commit and wrote some of them twice.
    private const int CacheKibibytes = 16 * 1024;

    private SqliteConnection? _connection;
    private bool? _durable;

    /// <summary>
    /// The open connection, set to wait for the disk at each commit or not. Only the holder of the writer gate may call
    /// this, and use the connection until it releases the gate.
    /// </summary>
    public async Task<SqliteConnection> TakeAsync(bool durable, CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            try
            {
                await connection.OpenAsync(cancellationToken);
                await Sql.ExecuteAsync(connection, null,
                    $"PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = ON; PRAGMA cache_size = -{CacheKibibytes}; " +
                    $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds};", cancellationToken);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            (_connection, _durable) = (connection, null);
        }

        if (_durable != durable)
        {
            // SQLite takes this only outside a transaction.
            await Sql.ExecuteAsync(_connection, null, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL",
                cancellationToken);
            _durable = durable;
        }

        return _connection;
    }

    /// <summary>
    /// Closes the connection after a failure that may have left it inside a transaction or broken; the next writer opens
    /// a new one. Called under the writer gate.
    /// </summary>
    public async Task DiscardAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await DiscardAsync();
}
