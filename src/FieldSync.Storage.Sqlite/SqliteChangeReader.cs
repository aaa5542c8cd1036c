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
        var sql = new StringBuilder($"SELECT {DocumentRows.Columns} FROM documents WHERE seq > $after AND seq <= $horizon");
        var command = Sql.Command(connection, transaction, "", ("$after", query.AfterSequence), ("$horizon", Horizon),
            ("$limit", query.Limit));
        AppendIn(sql, command, "collection", "$c", query.Collections);
        if (!query.Scope.IsAll)
        {
            AppendIn(sql, command, "facility_id", "$f", [.. query.Scope.Facilities]);
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

        command.CommandText = sql.Append(" ORDER BY seq LIMIT $limit").ToString();
        return command;
    }

    private static void AppendIn(StringBuilder sql, SqliteCommand command, string column, string prefix, IReadOnlyList<string> values)
    {
        sql.Append(" AND ").Append(column).Append(" IN (");
        for (var i = 0; i < values.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(prefix).Append(i);
            command.Parameters.AddWithValue(prefix + i, values[i]);
        }

        sql.Append(values.Count == 0 ? "NULL)" : ")");
    }
}
