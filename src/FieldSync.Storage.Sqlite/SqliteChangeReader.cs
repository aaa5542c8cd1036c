using System.Runtime.CompilerServices;
using System.Text;
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
    public long Horizon { get; } = horizon;

    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(() => DocumentQueries.GetAsync(connection, transaction, collection, id, cancellationToken));

    public async IAsyncEnumerable<SyncDocument> ReadChangesAsync(ChangeQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Build(query);
        SqliteDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }

        await using (reader)
        {
            while (await SqliteErrors.GuardAsync(() => reader.ReadAsync(cancellationToken)))
            {
                yield return DocumentRows.Read(reader);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private SqliteCommand Build(ChangeQuery query)
    {
        var command = Sql.Command(connection, transaction, "", ("$after", query.AfterSequence), ("$horizon", Horizon),
            ("$limit", query.Limit));
        var collections = InList(command, "$c", query.Collections);
        var facilities = query.Scope.IsAll ? null : InList(command, "$f", [.. query.Scope.Facilities]);
        var sql = new StringBuilder($"SELECT {DocumentRows.Columns} FROM documents WHERE seq > $after AND seq <= $horizon " +
            $"AND collection IN {collections}");
        if (facilities is not null)
        {
            sql.Append($" AND facility_id IN {facilities}");
        }

        if (!query.IncludeDeleted)
        {
            sql.Append(" AND deleted = 0");
        }

        if (query.UpdatedAfter is { } after)
        {
            sql.Append(" AND updated_at > $updated_after");
            command.Parameters.AddWithValue("$updated_after", DocumentJson.FormatTime(after));
        }

        // Documents that left the caller's facilities for one outside them come as tombstones of the facility they left.
        // Each side is ordered and limited on its own before the two are merged: ordering the whole union made SQLite read
        // and sort every remaining change of the facilities for each page, so a first sync cost the square of its size.
        if (facilities is not null && query.IncludeDeleted)
        {
            sql.Insert(0, "SELECT * FROM (").Append(" ORDER BY seq LIMIT $limit) UNION ALL SELECT * FROM (SELECT e.collection, e.id, " +
                "e.facility_id, e.version, e.seq, e.exited_at, e.exited_at, 1, '{}', '{}' FROM document_exits e JOIN documents d " +
                "ON d.collection = e.collection AND d.id = e.id WHERE e.seq > $after AND e.seq <= $horizon " +
                $"AND e.collection IN {collections} " +
                $"AND e.facility_id IN {facilities} AND d.facility_id NOT IN {facilities}")
                .Append(query.UpdatedAfter is null ? "" : " AND e.exited_at > $updated_after").Append(" ORDER BY e.seq LIMIT $limit)");
        }

        command.CommandText = sql.Append(" ORDER BY seq LIMIT $limit").ToString();
        return command;
    }

    private static string InList(SqliteCommand command, string prefix, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters.AddWithValue(prefix + i, values[i]);
        }

        return values.Count == 0 ? "(NULL)" : "(" + string.Join(", ", values.Select((_, i) => prefix + i)) + ")";
    }
}
