using FieldSync.Core.Documents;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// A write transaction. Documents read here are locked (<c>FOR UPDATE</c>) so that two instances updating the same
/// document serialize; creates insert (a concurrent create of the same id fails as transient and is retried as an
/// update). Change positions are set by the table's trigger.
/// </summary>
internal sealed class PostgresSyncTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider clock)
    : ISyncTransaction
{
    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => PostgresDocumentRows.GetAsync(connection, transaction, collection, id, true, cancellationToken));

    // The update applies only over the version just before this one. A writer reads under FOR UPDATE, so this only
    // fails when two instances create the same new document at once: the loser's change is retried as an update.
    public Task<SyncDocument> SaveAsync(SyncDocument document, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        var sequence = await Pg.ScalarAsync(connection, transaction,
            "INSERT INTO documents (collection, id, facility_id, version, seq, created_at, updated_at, deleted, body, field_meta) " +
            "VALUES (@collection, @id, @facility, @version, 0, @created, @updated, @deleted, @body::jsonb, @meta::jsonb) " +
            "ON CONFLICT (collection, id) DO UPDATE SET facility_id = excluded.facility_id, version = excluded.version, " +
            "updated_at = excluded.updated_at, deleted = excluded.deleted, body = excluded.body, field_meta = excluded.field_meta " +
            "WHERE documents.version = excluded.version - 1 RETURNING seq", cancellationToken,
            ("collection", document.Collection), ("id", document.Id), ("facility", document.FacilityId), ("version", document.Version),
            ("created", document.CreatedAt.ToUniversalTime()), ("updated", document.UpdatedAt.ToUniversalTime()),
            ("deleted", document.Deleted), ("body", document.Body.ToJsonString()),
            ("meta", PostgresDocumentRows.WriteEdits(document.FieldEdits)));
        return sequence is long position
            ? document with { Sequence = position }
            : throw new Core.Errors.StorageException(
                $"{document.Collection}/{document.Id} was written by another transaction at the same time; try again.", isTransient: true);
    });

    // One row per document and facility left: a later exit from the same facility replaces it at a newer position.
    public Task<long> RecordExitAsync(FacilityExit exit, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
        (long)(await Pg.ScalarAsync(connection, transaction,
            "INSERT INTO document_exits (collection, id, facility_id, version, seq, exited_at) VALUES (@collection, @id, @facility, " +
            "@version, 0, @at) ON CONFLICT (collection, id, facility_id) DO UPDATE SET version = excluded.version, " +
            "exited_at = excluded.exited_at RETURNING seq", cancellationToken,
            ("collection", exit.Collection), ("id", exit.DocumentId), ("facility", exit.FacilityId), ("version", exit.Version),
            ("at", exit.At.ToUniversalTime())))!);

    public Task AppendConflictAsync(ConflictEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(PostgresLogRows.Conflict(entry), cancellationToken);

    public Task AppendDeletionAsync(DeletionEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(PostgresLogRows.Deletion(entry), cancellationToken);

    public Task<string?> FindProcessedOperationAsync(string deviceId, string operationKey, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () => (string?)await Pg.ScalarAsync(connection, transaction,
            "SELECT result FROM processed_operations WHERE device_id = @device AND op_id = @op", cancellationToken,
            ("device", deviceId), ("op", operationKey)));

    public Task RecordProcessedOperationAsync(string deviceId, string operationKey, string resultJson, CancellationToken cancellationToken) =>
        ExecuteAsync(new PostgresLogRows.Row(
            "INSERT INTO processed_operations (device_id, op_id, result, created_at) VALUES (@device, @op, @result, @created)",
            [("device", deviceId), ("op", operationKey), ("result", resultJson), ("created", clock.GetUtcNow().ToUniversalTime())]),
            cancellationToken);

    // The rows are written here, in the change's transaction; every instance (this one too) learns of them through
    // NOTIFY, which PostgreSQL delivers only if and when the transaction commits.
    public Task NotifyAsync(DocumentChange change, DateTimeOffset activeSince, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await Pg.ExecuteAsync(connection, transaction, PostgresNotifications.InsertForChange, cancellationToken,
                PostgresNotifications.Parameters(change, clock.GetUtcNow(), activeSince));
            await Pg.ExecuteAsync(connection, transaction, "SELECT pg_notify('fieldsync_changes', @seq)", cancellationToken,
                ("seq", change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });

    public Task CommitAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => transaction.CommitAsync(cancellationToken));

    public async Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await ExecuteAsync(new PostgresLogRows.Row(
            "INSERT INTO users (id, role, created_at, updated_at) VALUES (@id, @role, @now, @now) " +
            "ON CONFLICT (id) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at",
            [("id", user.Id), ("role", UserRoles.ToName(user.Role)), ("now", now)]), cancellationToken);
        await ExecuteAsync(new PostgresLogRows.Row("DELETE FROM facility_memberships WHERE user_id = @id", [("id", user.Id)]), cancellationToken);
        foreach (var facility in user.Facilities.Distinct(StringComparer.Ordinal))
        {
            await ExecuteAsync(new PostgresLogRows.Row("INSERT INTO facility_memberships (user_id, facility_id) VALUES (@id, @facility)",
                [("id", user.Id), ("facility", facility)]), cancellationToken);
        }
    }

    public Task<int> ExecuteAsync(PostgresLogRows.Row row, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => Pg.ExecuteAsync(connection, transaction, row.Sql, cancellationToken, row.Parameters));

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
