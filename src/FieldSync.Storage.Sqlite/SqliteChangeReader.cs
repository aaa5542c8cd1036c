using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// A read transaction over one WAL snapshot. SQLite has a single writer, so every sequence at or below the highest
/// one in the snapshot is committed: the horizon is simply that highest sequence.
/// </summary>
internal sealed class SqliteChangeReader(SqliteConnection connection, SqliteTransaction transaction, long horizon) : IChangeReader
{
    private BoundStatement? _byKey;

    public long Horizon { get; } = horizon;

    // Prepared on first use and kept for the reader's life: validation looks up one referenced document after another.
    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(() =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parameters = new (string, object?)[] { ("$collection", collection), ("$id", id) };
            _byKey ??= BoundStatement.Prepare(connection, DocumentQueries.ByKey, parameters);
            return Task.FromResult(_byKey.ReadRow(parameters, DocumentRows.Read));
        });

    // Microsoft.Data.Sqlite runs its async methods synchronously anyway; reading rows synchronously spares a task and a
    // closure per row, and the enumeration hands each row on without waiting.
    public IAsyncEnumerable<StoredChange> ReadChangesAsync(ChangeQuery query, CancellationToken cancellationToken) =>
        ReadChanges(query, cancellationToken).ToAsyncEnumerable();

    public async ValueTask DisposeAsync()
    {
        _byKey?.Dispose();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private IEnumerable<StoredChange> ReadChanges(ChangeQuery query, CancellationToken cancellationToken)
    {
        var commands = SqliteChangeQueries.Build(connection, transaction, query, Horizon);
        var sources = new List<IEnumerator<StoredChange>>(commands.Count);
        try
        {
            sources.AddRange(commands.Select(command => Rows(command, cancellationToken)));
            foreach (var change in Merge(sources, query.Limit))
            {
                yield return change;
            }
        }
        finally
        {
            sources.ForEach(source => source.Dispose());
            commands.ForEach(command => command.Dispose());
        }
    }

    // Each statement is in sequence order already, so merging their heads keeps the whole page in order.
    private static IEnumerable<StoredChange> Merge(List<IEnumerator<StoredChange>> sources, int limit)
    {
        var heads = new PriorityQueue<IEnumerator<StoredChange>, long>(sources.Count);
        foreach (var source in sources)
        {
            if (source.MoveNext())
            {
                heads.Enqueue(source, source.Current.Sequence);
            }
        }

        for (var count = 0; count < limit && heads.TryDequeue(out var source, out _); count++)
        {
            yield return source.Current;
            if (count + 1 < limit && source.MoveNext())
            {
                heads.Enqueue(source, source.Current.Sequence);
            }
        }
    }

    private static IEnumerator<StoredChange> Rows(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = Execute(command);
        while (Next(reader))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ChangeRows.Read(reader);
        }
    }

    private static SqliteDataReader Execute(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }
    }

    private static bool Next(SqliteDataReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }
    }
}
