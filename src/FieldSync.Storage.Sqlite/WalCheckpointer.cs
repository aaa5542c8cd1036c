using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection of its own, once the writer rests. SQLite
/// would otherwise do it inside the commit that crosses its threshold (1,000 pages, which a push batch of 500 operations
/// crosses every time): that request then waited for every page of the log to be copied and the database file to be
/// synced. A commit is durable once the log is synced (synchronous FULL); the copy is only housekeeping, and a passive
/// checkpoint never blocks a reader or the writer. It still shares the disk: its sync of the database file made the
/// commits that ran beside it wait (realtime p99 with 1,000 devices 45-48 ms with a checkpoint a second after commits,
/// 36-39 ms without). So it waits for a pause of the writer, unless the log passes <see cref="BusyLimitBytes"/> first.
/// A passive checkpoint never catches up with a writer that keeps committing (a bulk load, a district's busy hour), and
/// SQLite only starts the log over once one has: the log then grows without end (2 GB while a million documents were
/// loaded). So once it passes <see cref="LogLimitBytes"/>, the checkpoint holds the writers' gate and truncates the log.
/// </summary>
/// <param name="databasePath">The database file; nothing is done once it is gone.</param>
/// <param name="open">Opens a connection to the database.</param>
/// <param name="delay">How long the writer must rest (no commit) before the checkpoint runs.</param>
/// <param name="writeGate">The store's gate of writers, held while the log is truncated.</param>
internal sealed class WalCheckpointer(
    string databasePath, Func<CancellationToken, Task<SqliteConnection>> open, TimeSpan delay, SemaphoreSlim writeGate)
    : IAsyncDisposable
{
    /// <summary>The size of the write-ahead log past which the checkpoint truncates it.</summary>
    public const long LogLimitBytes = 64L * 1024 * 1024;

    /// <summary>The size of the write-ahead log past which the checkpoint runs without waiting for the writer to rest.</summary>
    public const long BusyLimitBytes = 32L * 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private bool _committedSince;

    /// <summary>A write transaction committed: a checkpoint follows once the writer rests, unless one is already due.</summary>
    public void Committed()
    {
        lock (_lock)
        {
            _committedSince = true;
            if (_running is null && !_stop.IsCancellationRequested)
            {
                _running = Task.Run(RunAsync);
            }
        }
    }

    private async Task RunAsync()
    {
        var done = false;
        try
        {
            while (true)
            {
                await Task.Delay(delay, _stop.Token);
                bool busy;
                lock (_lock)
                {
                    busy = _committedSince;
                    _committedSince = false;
                }

                if (busy && LogBytes() <= BusyLimitBytes)
                {
                    continue;
                }

                await CheckpointAsync(truncateUnderGate: true, _stop.Token);
                lock (_lock)
                {
                    // Commits made while the checkpoint ran may have left frames behind it: go round again.
                    if (!_committedSince || _stop.IsCancellationRequested)
                    {
                        _running = null;
                        done = true;
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The store is being disposed.
        }
        finally
        {
            lock (_lock)
            {
                // Also after a failure, so that the next commit starts over; a run that ended normally already made way
                // for the next, which may be running by now.
                if (!done)
                {
                    _running = null;
                }
            }
        }
    }

    private async Task CheckpointAsync(bool truncateUnderGate, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            return;
        }

        try
        {
            await using var connection = await open(cancellationToken);
            await Sql.ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(PASSIVE)", cancellationToken);
            if (LogBytes() <= LogLimitBytes)
            {
                return;
            }

            if (!truncateUnderGate)
            {
                await Sql.ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
                return;
            }

            await writeGate.WaitAsync(cancellationToken);
            try
            {
                // Readers still on older frames make it give up after the busy timeout; the next round tries again.
                await Sql.ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
            }
            finally
            {
                writeGate.Release();
            }
        }
        catch (SqliteException)
        {
            // Busy or failing disk: the log keeps the committed writes, and the next checkpoint tries again.
        }
    }

    private long LogBytes()
    {
        var log = new FileInfo(databasePath + "-wal");
        return log.Exists ? log.Length : 0;
    }

    // What is still only in the log is copied before the store goes: a store that loaded a database and was disposed would
    // otherwise hand the next process a log of everything it wrote since its last checkpoint.
    public async ValueTask DisposeAsync()
    {
        Task? running;
        lock (_lock)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            running = _running;
            _stop.Cancel();
        }

        if (running is not null)
        {
            await running;
            // No writer is left when the store goes, so the gate is not needed (and may be disposed next).
            await CheckpointAsync(truncateUnderGate: false, CancellationToken.None);
        }
    }
}
