using System.Diagnostics;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// The push's baselines: rows written straight into a copy of the server's database (same schema, indexes, WAL and
/// synchronous FULL) in transactions of 500 operations, with prepared statements; no HTTP, no validation, no conflict
/// resolution. <see cref="RunAllRows"/> writes every row a push durably leaves, all of which the design requires (the
/// document, the exactly-once record, the conflict and deletion logs, the batch summary): the machine's limit for that disk
/// work, so the push is charged for its overhead and not for the writes it must make. <see cref="RunDocuments"/> writes
/// only the document rows, the figure the benchmark used before, kept beside it for comparison.
/// </summary>
internal static class RawUpsert
{
    /// <summary>
    /// Writes the rows a push left, in operation order, one transaction per <paramref name="batchSize"/> operations: for each
    /// operation the sequence bump and its document upserted under the new sequence (every other column as read), then its
    /// <c>conflict_log</c>, <c>deletion_log</c> and <c>processed_operations</c> rows as plain INSERTs of every column as
    /// read (SQLite assigns the rowid columns); then the batch's <c>queue_processing_log</c> row.
    /// </summary>
    public static TimeSpan RunAllRows(string databasePath, PushedRows rows, int batchSize)
    {
        using var connection = Open(databasePath);
        var batches = rows.Operations.Chunk(batchSize).ToList();
        var watch = Stopwatch.StartNew();
        for (var b = 0; b < batches.Count; b++)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var document = new DocumentUpsert(connection, transaction);
            using var conflict = Insert(connection, transaction, rows, PushedRows.Conflicts);
            using var deletion = Insert(connection, transaction, rows, PushedRows.Deletions);
            using var processed = Insert(connection, transaction, rows, PushedRows.Processed);
            using var summary = Insert(connection, transaction, rows, PushedRows.Batches);
            foreach (var operation in batches[b])
            {
                document.Execute(operation.Document);
                foreach (var row in operation.Conflicts)
                {
                    conflict.Execute(row);
                }

                foreach (var row in operation.Deletions)
                {
                    deletion.Execute(row);
                }

                processed.Execute(operation.Processed);
            }

            summary.Execute(rows.BatchRows[b]);
            transaction.Commit();
        }

        return watch.Elapsed;
    }

    /// <summary>
    /// Upserts only the document row each operation leaves, one transaction per <paramref name="batchSize"/>: the sequence
    /// bump and the server's upsert, created and updated at the time of the write. No log rows.
    /// </summary>
    public static TimeSpan RunDocuments(string databasePath, IReadOnlyList<SyncDocument> rows, int batchSize)
    {
        // Serialization happens before the clock starts: the rows are given.
        var prepared = rows.Select(r => (Row: r, Body: r.Body.ToJsonString(), Meta: Meta(r))).ToList();
        using var connection = Open(databasePath);
        var watch = Stopwatch.StartNew();
        foreach (var batch in prepared.Chunk(batchSize))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var upsert = new DocumentUpsert(connection, transaction);
            foreach (var (row, body, meta) in batch)
            {
                var now = DocumentJson.FormatTime(DateTimeOffset.UtcNow);
                upsert.Execute([row.Collection, row.Id, row.FacilityId, row.Version, null, now, now, row.Deleted ? 1 : 0, body, meta]);
            }

            transaction.Commit();
        }

        return watch.Elapsed;
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }
            .ToString());
        connection.Open();
        using var pragma = connection.CreateCommand();
        // The server's own settings for a push batch: a 16 MB page cache (SqliteSyncTransaction) and no checkpoint inside a
        // commit (the server checkpoints on its own thread, WalCheckpointer). Here the log is not checkpointed at all while
        // the clock runs, which makes the baseline at least as fast as the server's storage could be.
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384; " +
            "PRAGMA wal_autocheckpoint = 0;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static RowInsert Insert(SqliteConnection connection, SqliteTransaction transaction, PushedRows rows, string table) =>
        new(connection, transaction, table, rows.Columns[table]);

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
