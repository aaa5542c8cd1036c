using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// The statements of one page of changes, each already in sequence order: one per facility of the scope (or one for
/// every facility), and one for the documents that left the scope's facilities. The reader merges them by sequence.
/// </summary>
/// <remarks>
/// SQLite reads one facility's changes in order straight from <c>ix_documents_facility_seq</c>; for several facilities
/// in one statement, or for a union with the exits, it collected and sorted every remaining change (bodies and all) for
/// each page, which cost most of a first sync's time and many megabytes of native memory per concurrent pull.
/// </remarks>
internal static class SqliteChangeQueries
{
    /// <summary>The columns every statement returns, in the order <see cref="ChangeRows.Read"/> reads them.</summary>
    private const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body";

    public static List<SqliteCommand> Build(SqliteConnection connection, SqliteTransaction transaction, ChangeQuery query, long horizon)
    {
        var commands = new List<SqliteCommand>();
        if (query.Scope.IsAll)
        {
            commands.Add(Documents(connection, transaction, query, horizon, facility: null));
            return commands;
        }

        foreach (var facility in query.Scope.Facilities.Order(StringComparer.Ordinal))
        {
            commands.Add(Documents(connection, transaction, query, horizon, facility));
        }

        if (query.IncludeDeleted && query.Scope.Facilities.Count > 0)
        {
            commands.Add(Exits(connection, transaction, query, horizon));
        }

        return commands;
    }

    private static SqliteCommand Documents(SqliteConnection connection, SqliteTransaction transaction, ChangeQuery query, long horizon,
        string? facility)
    {
        var command = Command(connection, transaction, query, horizon, out var collections);
        // The unary + keeps SQLite off the primary key (collection, id) for the collections, which would read every change
        // of the collections and sort them; the sequence indexes give the rows in order.
        var where = $"seq > $after AND seq <= $horizon AND +collection IN {collections}";
        if (facility is not null)
        {
            command.Parameters.AddWithValue("$facility", facility);
            where = "facility_id = $facility AND " + where;
        }

        command.CommandText = $"SELECT {Columns} FROM documents WHERE {where}" +
            (query.IncludeDeleted ? "" : " AND deleted = 0") +
            (query.UpdatedAfter is null ? "" : " AND updated_at > $updated_after") +
            " ORDER BY seq LIMIT $limit";
        return command;
    }

    // A document that left the caller's facilities for one outside them comes as a tombstone of the facility it left.
    private static SqliteCommand Exits(SqliteConnection connection, SqliteTransaction transaction, ChangeQuery query, long horizon)
    {
        var command = Command(connection, transaction, query, horizon, out var collections);
        var facilities = InList(command, "$f", [.. query.Scope.Facilities]);
        command.CommandText = "SELECT e.collection, e.id, e.facility_id, e.version, e.seq, e.exited_at, e.exited_at, 1, '{}' " +
            "FROM document_exits e JOIN documents d ON d.collection = e.collection AND d.id = e.id " +
            $"WHERE e.seq > $after AND e.seq <= $horizon AND +e.collection IN {collections} " +
            $"AND e.facility_id IN {facilities} AND d.facility_id NOT IN {facilities}" +
            (query.UpdatedAfter is null ? "" : " AND e.exited_at > $updated_after") +
            " ORDER BY e.seq LIMIT $limit";
        return command;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, ChangeQuery query, long horizon,
        out string collections)
    {
        var command = Sql.Command(connection, transaction, "", ("$after", query.AfterSequence), ("$horizon", horizon),
            ("$limit", query.Limit));
        collections = InList(command, "$c", query.Collections);
        if (query.UpdatedAfter is { } after)
        {
            command.Parameters.AddWithValue("$updated_after", DocumentJson.FormatTime(after));
        }

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
