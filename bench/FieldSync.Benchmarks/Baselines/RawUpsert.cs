using System.Diagnostics;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// The rows a push leaves, upserted straight into a copy of the server's database (same schema, indexes, WAL and
/// synchronous FULL) in transactions of 500, with prepared statements: the sequence bump and the server's own upsert.
/// No HTTP, no validation, no conflict resolution, no log rows: the machine's limit for these durable writes.
/// </summary>
internal static class RawUpsert
{
    public static TimeSpan Run(string databasePath, IReadOnlyList<SyncDocument> rows, int batchSize)
    {
        // Serialization happens before the clock starts: the rows are given.
        var prepared = rows.Select(r => (Row: r, Body: r.Body.ToJsonString(), Meta: Meta(r))).ToList();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath,
            Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
            pragma.ExecuteNonQuery();
        }

        var watch = Stopwatch.StartNew();
        foreach (var batch in prepared.Chunk(batchSize))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var sequence = connection.CreateCommand();
            sequence.Transaction = transaction;
            sequence.CommandText = "UPDATE sequences SET value = value + 1 WHERE name = 'change' RETURNING value";
            sequence.Prepare();
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = "INSERT INTO documents (collection, id, facility_id, version, seq, created_at, updated_at, " +
                "deleted, body, " +
                "field_meta) VALUES ($c, $i, $f, $v, $s, $created, $updated, $d, $b, $m) ON CONFLICT (collection, id) DO UPDATE SET " +
                "facility_id = excluded.facility_id, version = excluded.version, seq = excluded.seq, updated_at = excluded.updated_at, " +
                "deleted = excluded.deleted, body = excluded.body, field_meta = excluded.field_meta";
            var p = new[] { "$c", "$i", "$f", "$v", "$s", "$created", "$updated", "$d", "$b", "$m" }
                .Select(n => upsert.Parameters.Add(n, SqliteType.Text)).ToArray();
            upsert.Prepare();
            foreach (var (row, body, meta) in batch)
            {
                var seq = (long)sequence.ExecuteScalar()!;
                var now = DocumentJson.FormatTime(DateTimeOffset.UtcNow);
                (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (row.Collection, row.Id, row.FacilityId, row.Version, seq);
                (p[5].Value, p[6].Value, p[7].Value, p[8].Value, p[9].Value) = (now, now, row.Deleted ? 1 : 0, body, meta);
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return watch.Elapsed;
    }

    private static string Meta(SyncDocument row)
    {
        var meta = new JsonObject();
        foreach (var (field, edit) in row.FieldEdits)
        {
            meta[field] = new JsonArray(edit.Version, DocumentJson.FormatTime(edit.EditedAt));
        }

        return meta.ToJsonString();
    }
}
