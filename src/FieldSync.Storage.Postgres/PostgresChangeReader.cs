using System.Runtime.CompilerServices;
using System.Text;
using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using Npgsql;
using NpgsqlTypes;

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
        await using var command = Build(query);
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

    private NpgsqlCommand Build(ChangeQuery query)
    {
        var sql = new StringBuilder($"SELECT {PostgresChangeRows.Columns} FROM documents WHERE seq > @after AND seq <= @horizon " +
            "AND collection = ANY(@collections)");
        var command = Pg.Command(connection, transaction, "", ("after", query.AfterSequence), ("horizon", Horizon), ("limit", query.Limit));
        command.Parameters.Add(new NpgsqlParameter("collections", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Collections.ToArray() });
        if (!query.Scope.IsAll)
        {
            sql.Append(" AND facility_id = ANY(@facilities)");
            command.Parameters.Add(new NpgsqlParameter("facilities", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = query.Scope.Facilities.ToArray(),
            });
        }

        if (!query.IncludeDeleted)
        {
            sql.Append(" AND NOT deleted");
        }

        if (query.UpdatedAfter is { } after)
        {
            sql.Append(" AND updated_at > @updated_after");
            command.Parameters.AddWithValue("updated_after", after.ToUniversalTime());
        }

        // Documents that left the caller's facilities for one outside them come as tombstones of the facility they left.
        if (!query.Scope.IsAll && query.IncludeDeleted)
        {
            sql.Insert(0, "SELECT * FROM (").Append(" UNION ALL SELECT e.collection, e.id, e.facility_id, e.version, e.seq, " +
                "e.exited_at, e.exited_at, true, '{}' FROM document_exits e JOIN documents d ON d.collection = e.collection " +
                "AND d.id = e.id WHERE e.seq > @after AND e.seq <= @horizon AND e.collection = ANY(@collections) " +
                "AND e.facility_id = ANY(@facilities) AND NOT (d.facility_id = ANY(@facilities))")
                .Append(query.UpdatedAfter is null ? "" : " AND e.exited_at > @updated_after").Append(") changes");
        }

        command.CommandText = sql.Append(" ORDER BY seq LIMIT @limit").ToString();
        return command;
    }
}
