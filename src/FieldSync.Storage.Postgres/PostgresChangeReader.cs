using System.Runtime.CompilerServices;
using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// A repeatable-read snapshot for one pull. Concurrent transactions commit out of order, so the horizon is not the
/// highest visible position but the first position of the oldest transaction still running: every transaction with
/// an older id has finished, and a change's position starts with its transaction's id.
/// </summary>
internal sealed class PostgresChangeReader(NpgsqlConnection connection, NpgsqlTransaction transaction, long horizon) : IChangeReader
{
    public long Horizon { get; } = horizon;

    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => PostgresDocumentRows.GetAsync(connection, transaction, collection, id, false, cancellationToken));

    public async IAsyncEnumerable<StoredChange> ReadChangesAsync(ChangeQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = PostgresChangeQueries.Build(connection, transaction, query, Horizon);
        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw PostgresErrors.Translate(e);
        }

        await using (reader)
        {
            while (await PostgresErrors.GuardAsync(() => reader.ReadAsync(cancellationToken)))
            {
                yield return PostgresChangeRows.Read(reader);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
