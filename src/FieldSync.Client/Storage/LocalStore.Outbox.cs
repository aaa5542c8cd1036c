using System.Text.Json.Nodes;
using FieldSync.Client.Wire;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

internal sealed partial class LocalStore
{
    /// <summary>Operations still queued.</summary>
    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        RunAsync(t => (int)Db.Count(t, "SELECT COUNT(*) FROM outbox"), cancellationToken);

    /// <summary>
    /// The next batch in queue order, counted as sent before it goes (so no later edit joins it). The batch ends before an
    /// update whose base is the result of an earlier operation of the same batch.
    /// </summary>
    public Task<IReadOnlyList<OutboxEntry>> TakeBatchAsync(int size, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<OutboxEntry>>(t =>
        {
            var entries = Db.Query(t, $"SELECT {OutboxEntry.Columns} FROM outbox ORDER BY seq LIMIT $n", OutboxEntry.Read, ("$n", size));
            var cut = entries.Count > 1 ? entries.FindIndex(1, e => e.BasePending) : -1;
            if (cut > 0)
            {
                entries.RemoveRange(cut, entries.Count - cut);
            }

            if (entries is [{ BasePending: true } first, ..])
            {
                // Its predecessor is settled, so the server copy's version is the base it was edited from.
                var version = FindRow(t, first.Collection, first.DocumentId)?.Version;
                ResolveBase(t, first.Seq, version);
                entries[0] = first with { BaseVersion = version, BasePending = false };
            }

            for (var i = 0; i < entries.Count; i++)
            {
                Db.Execute(t, "UPDATE outbox SET attempts = attempts + 1 WHERE seq = $seq", ("$seq", entries[i].Seq));
                entries[i] = entries[i] with { Attempts = entries[i].Attempts + 1 };
            }

            return entries;
        }, cancellationToken);

    /// <summary>
    /// Applies the server's answer, operation by operation in one transaction: settled ones leave the outbox and their
    /// document takes the server's copy once nothing else is queued for it; refused ones move to the rejected list and
    /// their document goes back to the server's version; the first retryable failure stops the rest, which stay queued.
    /// </summary>
    public Task<BatchOutcome> ApplyResultsAsync(IReadOnlyList<OutboxEntry> batch, IReadOnlyList<WireOperationResult> results,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        RunAsync(t =>
        {
            var outcome = new BatchOutcome();
            for (var i = 0; i < batch.Count; i++)
            {
                var entry = batch[i];
                var result = results.FirstOrDefault(r => r.Index == i && (r.OpId is null || r.OpId == entry.OpId));
                switch (result?.Effective)
                {
                    case PushStatus.Applied or PushStatus.ConflictResolved:
                        Settle(t, entry, result.Document);
                        outcome.Pushed++;
                        outcome.Duplicates += result.Status == PushStatus.Duplicate ? 1 : 0;
                        if (result.Effective == PushStatus.ConflictResolved && result.Document is { } document)
                        {
                            outcome.Conflicts.Add(ConflictOf(entry, result, document));
                        }

                        break;
                    case PushStatus.Rejected:
                        outcome.Rejected.Add(Reject(t, entry, result.Error, now));
                        break;
                    default:
                        var reason = result?.Error?.Message ?? (result is null ? "no result for the operation" : result.Status);
                        Db.Execute(t, "UPDATE outbox SET last_error = $e WHERE seq = $seq", ("$e", reason), ("$seq", entry.Seq));
                        outcome.StoppedBy = reason;
                        return outcome;
                }
            }

            return outcome;
        }, cancellationToken);

    private static void Settle(SqliteTransaction transaction, OutboxEntry entry, JsonObject? document)
    {
        Db.Execute(transaction, "DELETE FROM outbox WHERE seq = $seq", ("$seq", entry.Seq));
        var row = FindRow(transaction, entry.Collection, entry.DocumentId);
        if (row is null)
        {
            return;
        }

        var version = JsonFields.Version(document);
        if (version is { } v && (row.Version is null || v >= row.Version))
        {
            // The answer to a delete carries the tombstone, which is no document to show.
            var copy = entry.Type == SyncOperationType.Delete ? null : document;
            row = row with { ServerBody = copy, Version = v };
            Db.Execute(transaction, "UPDATE documents SET server_body = $s, version = $v WHERE collection = $c AND id = $i",
                ("$s", Db.Text(copy)), ("$v", v), ("$c", row.Collection), ("$i", row.Id));
        }

        AfterSettled(transaction, row, version ?? row.Version);
    }

    private static RejectedOperation Reject(SqliteTransaction transaction, OutboxEntry entry, WireError? error, DateTimeOffset now)
    {
        var rejected = new RejectedOperation
        {
            OpId = entry.OpId,
            Type = entry.Type,
            Collection = entry.Collection,
            DocumentId = entry.DocumentId,
            Data = entry.Data,
            Code = error?.Code ?? "rejected",
            Message = error?.Message ?? "The server refused the operation.",
            Problems = [.. (error?.Errors ?? []).Select(p => new FieldProblem(p.Field ?? "", p.Rule ?? "", p.Message ?? ""))],
            CreatedAt = entry.CreatedAt,
            RejectedAt = now,
        };
        Db.Execute(transaction, "DELETE FROM outbox WHERE seq = $seq", ("$seq", entry.Seq));
        SaveRejected(transaction, rejected, entry.BaseVersion);
        if (FindRow(transaction, entry.Collection, entry.DocumentId) is { } row)
        {
            AfterSettled(transaction, row, row.Version);
        }

        return rejected;
    }

    // With nothing else queued the document shows the server's copy again (or goes, if the server has none);
    // else the next queued update learns the base it was edited from.
    private static void AfterSettled(SqliteTransaction transaction, DocumentRow row, long? resultVersion)
    {
        var next = OperationsOf(transaction, row.Collection, row.Id).FirstOrDefault();
        if (!row.Dirty)
        {
            return;
        }

        if (next is null)
        {
            Db.Execute(transaction, row.ServerBody is null
                ? "DELETE FROM documents WHERE collection = $c AND id = $i"
                : "UPDATE documents SET body = server_body, server_body = NULL, base_version = NULL, dirty = 0 WHERE collection = $c AND id = $i",
                ("$c", row.Collection), ("$i", row.Id));
        }
        else if (next.BasePending)
        {
            ResolveBase(transaction, next.Seq, resultVersion);
        }
    }

    private static void ResolveBase(SqliteTransaction transaction, long seq, long? version) =>
        Db.Execute(transaction, "UPDATE outbox SET base_version = $v, base_pending = 0 WHERE seq = $seq", ("$v", version), ("$seq", seq));

    private static ConflictEventArgs ConflictOf(OutboxEntry entry, WireOperationResult result, JsonObject document) => new()
    {
        Collection = entry.Collection,
        DocumentId = entry.DocumentId,
        OpId = entry.OpId,
        Resolution = result.Resolution ?? "merged",
        ConflictId = result.ConflictId,
        Document = document.DeepClone().AsObject(),
    };
}
