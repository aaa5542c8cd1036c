using FieldSync.Core.Documents;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>A write transaction on the single writer; releases the writer gate when disposed.</summary>
internal sealed class SqliteSyncTransaction(
    SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim writeGate, TimeProvider clock,
    INotificationPublisher? publisher) : ISyncTransaction
{
    private readonly List<PendingNotification> _notifications = [];
    private bool _disposed;

    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(() => DocumentQueries.GetAsync(connection, transaction, collection, id, cancellationToken));

    public Task<SyncDocument> SaveAsync(SyncDocument document, CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        var sequence = (long)(await Sql.ScalarAsync(connection, transaction,
            "UPDATE sequences SET value = value + 1 WHERE name = 'change' RETURNING value", cancellationToken))!;
        await Sql.ExecuteAsync(connection, transaction,
            $"INSERT INTO documents ({DocumentRows.Columns}) VALUES ($collection, $id, $facility, $version, $seq, $created, $updated, " +
            "$deleted, $body, $meta) ON CONFLICT (collection, id) DO UPDATE SET facility_id = excluded.facility_id, " +
            "version = excluded.version, seq = excluded.seq, updated_at = excluded.updated_at, deleted = excluded.deleted, " +
            "body = excluded.body, field_meta = excluded.field_meta",
            cancellationToken,
            ("$collection", document.Collection), ("$id", document.Id), ("$facility", document.FacilityId),
            ("$version", document.Version), ("$seq", sequence), ("$created", DocumentJson.FormatTime(document.CreatedAt)),
            ("$updated", DocumentJson.FormatTime(document.UpdatedAt)), ("$deleted", document.Deleted ? 1 : 0),
            ("$body", document.Body.ToJsonString()), ("$meta", DocumentRows.WriteEdits(document.FieldEdits)));
        return document with { Sequence = sequence };
    });

    // One row per document and facility left: a later exit from the same facility replaces it at a newer sequence.
    public Task<long> RecordExitAsync(FacilityExit exit, CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        var sequence = (long)(await Sql.ScalarAsync(connection, transaction,
            "UPDATE sequences SET value = value + 1 WHERE name = 'change' RETURNING value", cancellationToken))!;
        await Sql.ExecuteAsync(connection, transaction,
            "INSERT INTO document_exits (collection, id, facility_id, version, seq, exited_at) VALUES ($collection, $id, $facility, " +
            "$version, $seq, $at) ON CONFLICT (collection, id, facility_id) DO UPDATE SET version = excluded.version, " +
            "seq = excluded.seq, exited_at = excluded.exited_at", cancellationToken,
            ("$collection", exit.Collection), ("$id", exit.DocumentId), ("$facility", exit.FacilityId), ("$version", exit.Version),
            ("$seq", sequence), ("$at", DocumentJson.FormatTime(exit.At)));
        return sequence;
    });

    public Task AppendConflictAsync(ConflictEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(LogRows.Conflict(entry), cancellationToken);

    public Task AppendDeletionAsync(DeletionEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(LogRows.Deletion(entry), cancellationToken);

    public Task<string?> FindProcessedOperationAsync(string deviceId, string operationKey, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(async () => (string?)await Sql.ScalarAsync(connection, transaction,
            "SELECT result FROM processed_operations WHERE device_id = $device AND op_id = $op", cancellationToken,
            ("$device", deviceId), ("$op", operationKey)));

    public Task RecordProcessedOperationAsync(string deviceId, string operationKey, string resultJson, CancellationToken cancellationToken) =>
        ExecuteAsync(new LogRows.Row(
            "INSERT INTO processed_operations (device_id, op_id, result, created_at) VALUES ($device, $op, $result, $created)",
            [("$device", deviceId), ("$op", operationKey), ("$result", resultJson), ("$created", SqliteSyncStore.Now(clock))]),
            cancellationToken);

    // Only the active sessions of users who may see the change now get a row: scope and staleness are decided here,
    // inside the transaction of the change, so a notification exists exactly when the change does.
    public Task NotifyAsync(DocumentChange change, DateTimeOffset activeSince, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(async () =>
        {
            var now = clock.GetUtcNow();
            await using var command = Sql.Command(connection, transaction,
                "INSERT INTO sync_notifications (device_id, user_id, collection, document_id, facility_id, action, version, seq, status, " +
                "created_at) SELECT s.device_id, s.user_id, $collection, $document, $facility, $action, $version, $seq, 'pending', $now " +
                "FROM active_sync_sessions s JOIN users u ON u.id = s.user_id WHERE s.last_heartbeat >= $active " +
                "AND (u.role = 'system' OR EXISTS (SELECT 1 FROM facility_memberships m WHERE m.user_id = s.user_id " +
                "AND m.facility_id = $facility)) AND (s.collections = '' OR instr(',' || s.collections || ',', ',' || $collection || ',') > 0) " +
                "RETURNING id, device_id, user_id",
                ("$collection", change.Collection), ("$document", change.DocumentId), ("$facility", change.FacilityId),
                ("$action", change.Action), ("$version", change.Version), ("$seq", change.Sequence),
                ("$now", DocumentJson.FormatTime(now)), ("$active", DocumentJson.FormatTime(activeSince)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                _notifications.Add(new PendingNotification(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change, now, null));
            }
        });

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await SqliteErrors.GuardAsync(() => transaction.CommitAsync(cancellationToken));
        if (_notifications.Count > 0)
        {
            publisher?.Publish([.. _notifications]);
        }
    }

    public async Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken)
    {
        var now = SqliteSyncStore.Now(clock);
        await ExecuteAsync(new LogRows.Row(
            "INSERT INTO users (id, role, created_at, updated_at) VALUES ($id, $role, $now, $now) " +
            "ON CONFLICT (id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at",
            [("$id", user.Id), ("$role", UserRoles.ToName(user.Role)), ("$now", now)]), cancellationToken);
        await ExecuteAsync(new LogRows.Row("DELETE FROM facility_memberships WHERE user_id = $id", [("$id", user.Id)]), cancellationToken);
        foreach (var facility in user.Facilities.Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync(new LogRows.Row(
                "INSERT INTO facility_memberships (user_id, facility_id) VALUES ($id, $facility)",
                [("$id", user.Id), ("$facility", facility)]), cancellationToken);
        }
    }

    public Task<int> ExecuteAsync(LogRows.Row row, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(() => Sql.ExecuteAsync(connection, transaction, row.Sql, cancellationToken, row.Parameters));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
        finally
        {
            writeGate.Release();
        }
    }
}
