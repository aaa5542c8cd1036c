using System.Text;
using FieldSync.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// The statement of one page of changes. For a limited scope it is a <c>UNION ALL</c> of subqueries that are each
/// ordered by sequence and limited to the page — one per facility and collection on
/// <c>ix_documents_collection_facility_seq</c>, one per facility on <c>ix_document_exits_facility_seq</c> — whose heads
/// PostgreSQL merges (Merge Append), so a page reads about a page of rows however many changes remain.
/// </summary>
/// <remarks>
/// One statement with <c>facility_id = ANY(…)</c> and the exits in a union, ordered as a whole, gave the planner no
/// ordered path: it collected every remaining change of the scope (a bitmap scan, or a parallel scan of the whole table
/// for several facilities) and sorted it for each page, so a first sync cost the square of its size. The subqueries
/// need their own <c>ORDER BY</c> and <c>LIMIT</c>: without them the planner sorts each one whole.
/// </remarks>
internal static class PostgresChangeQueries
{
    private const string Range = "seq > @after AND seq <= @horizon";

    public static NpgsqlCommand Build(NpgsqlConnection connection, NpgsqlTransaction transaction, ChangeQuery query, long horizon)
    {
        var command = Pg.Command(connection, transaction, "", ("after", query.AfterSequence), ("horizon", horizon), ("limit", query.Limit));
        AddArray(command, "collections", [.. query.Collections]);
        var filters = Filters(command, query);
        // ix_documents_seq gives every facility's changes in order; the collections only filter them.
        command.CommandText = query.Scope.IsAll
            ? $"SELECT {PostgresChangeRows.Columns} FROM documents WHERE {Range} AND collection = ANY(@collections){filters} " +
              "ORDER BY seq LIMIT @limit"
            : Scoped(command, query, filters);
        return command;
    }

    private static string Scoped(NpgsqlCommand command, ChangeQuery query, string filters)
    {
        var facilities = query.Scope.Facilities.Order(StringComparer.Ordinal).ToArray();
        var collections = query.Collections.Distinct(StringComparer.Ordinal).ToArray();
        AddValues(command, "f", facilities);
        AddValues(command, "c", collections);
        var parts = Documents(facilities.Length, collections.Length, PostgresChangeRows.Columns, filters);
        if (parts.Count == 0)
        {
            return $"SELECT {PostgresChangeRows.Columns} FROM documents WHERE false";
        }

        var sql = new StringBuilder();
        if (query.IncludeDeleted)
        {
            AddArray(command, "facilities", facilities);
            var bound = "@horizon";
            if (facilities.Length > 1)
            {
                // The page ends at or before its last document change, whatever exits come between: no exit beyond can be in it.
                sql.Append("WITH bound AS (SELECT COALESCE((SELECT seq FROM (")
                    .AppendJoin(" UNION ALL ", Documents(facilities.Length, collections.Length, "seq", filters))
                    .Append(") page ORDER BY seq OFFSET @limit - 1 LIMIT 1), @horizon) AS seq) ");
                bound = "(SELECT seq FROM bound)";
            }

            parts.AddRange(facilities.Select((_, f) => Exits(f, bound, query)));
        }

        return sql.Append("SELECT * FROM (").AppendJoin(" UNION ALL ", parts).Append(") changes ORDER BY seq LIMIT @limit").ToString();
    }

    private static List<string> Documents(int facilities, int collections, string columns, string filters) =>
    [
        .. Enumerable.Range(0, facilities).SelectMany(f => Enumerable.Range(0, collections).Select(c =>
            $"(SELECT {columns} FROM documents WHERE collection = @c{c} AND facility_id = @f{f} AND {Range}{filters} " +
            "ORDER BY seq LIMIT @limit)")),
    ];

    // A document that left one of the caller's facilities for one outside them comes as a tombstone of the facility it
    // left. The exits of documents now in another of the caller's facilities are passed over, which with several
    // facilities could read every remaining one for each page; the bound stops the scan at the page's last document.
    // The document's facility is a subquery, not a join: a join per facility cost more to plan than the page to read.
    private static string Exits(int facility, string bound, ChangeQuery query) =>
        "(SELECT e.collection, e.id, e.facility_id, e.version, e.seq, e.exited_at, e.exited_at, true, '{}' FROM document_exits e " +
        $"WHERE e.facility_id = @f{facility} AND e.seq > @after AND e.seq <= {bound} AND e.collection = ANY(@collections) " +
        "AND (SELECT d.facility_id FROM documents d WHERE d.collection = e.collection AND d.id = e.id) <> ALL (@facilities)" +
        (query.UpdatedAfter is null ? "" : " AND e.exited_at > @updated_after") + " ORDER BY e.seq LIMIT @limit)";

    private static string Filters(NpgsqlCommand command, ChangeQuery query)
    {
        var filters = query.IncludeDeleted ? "" : " AND NOT deleted";
        if (query.UpdatedAfter is { } after)
        {
            command.Parameters.AddWithValue("updated_after", after.ToUniversalTime());
            filters += " AND updated_at > @updated_after";
        }

        return filters;
    }

    private static void AddValues(NpgsqlCommand command, string prefix, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(prefix + i, values[i]);
        }
    }

    private static void AddArray(NpgsqlCommand command, string name, string[] values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });
}
