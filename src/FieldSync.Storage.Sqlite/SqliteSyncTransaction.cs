using System.Text.Json;
using FieldSync.Core.Documents;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// A write transaction on the single writer; releases the writer gate when disposed. Its statements are prepared once
/// per transaction and run synchronously: Microsoft.Data.Sqlite has no asynchronous I/O, its async methods complete
/// before they return, and their tasks and state machines cost a push batch more than some of its statements.
/// </summary>
internal sealed class SqliteSyncTransaction : ISyncTransaction
{
    private readonly SqliteTransaction _transaction;
    private readonly SqliteWriter _writer;
    private readonly PreparedCommands _commands;
    private readonly List<PendingNotification> _notifications = [];
    private readonly ActiveSessions _sessions;
    private long? _sequence;
    private bool _sequenceMoved;
    private bool _disposed;

    private SqliteSyncTransaction(SqliteConnection connection, SqliteTransaction transaction, SqliteWriter writer)
    {
        (_transaction, _writer) = (transaction, writer);
        _commands = new PreparedCommands(connection, transaction);
        _sessions = new ActiveSessions(_commands);
    }

    /// <summary>
    /// Begins the write transaction (<c>BEGIN IMMEDIATE</c>) on the writer's <paramref name="connection"/>, whose gate is
    /// held. On failure the caller discards the connection and releases the gate.
    /// </summary>
    public static SqliteSyncTransaction Begin(SqliteConnection connection, SqliteWriter writer) =>
        new(connection, connection.BeginTransaction(deferred: false), writer);

    public Task<SyncDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken) => Run(() =>
        _commands.ReadRow(DocumentQueries.ByKey, DocumentRows.Read, ("$collection", collection), ("$id", id)), cancellationToken);

    public Task<SyncDocument> SaveAsync(SyncDocument document, CancellationToken cancellationToken) => Run(() =>
    {
        var sequence = NextSequence();
        var body = document.BodyJson ?? JsonSerializer.SerializeToUtf8Bytes(document.Body);
        _commands.Execute(
            // The JSON comes as UTF-8 bytes, bound as a blob and stored as text (CAST keeps the bytes): as a string it would be
            // encoded to UTF-16 and back again.
            $"INSERT INTO documents ({DocumentRows.Columns}) VALUES ($collection, $id, $facility, $version, $seq, $created, $updated, " +
            "$deleted, CAST($body AS TEXT), CAST($meta AS TEXT)) ON CONFLICT (collection, id) DO UPDATE SET " +
            "facility_id = excluded.facility_id, " +
            "version = excluded.version, seq = excluded.seq, updated_at = excluded.updated_at, deleted = excluded.deleted, " +
            "body = excluded.body, field_meta = excluded.field_meta",
            ("$collection", document.Collection), ("$id", document.Id), ("$facility", document.FacilityId),
            ("$version", document.Version), ("$seq", sequence), ("$created", DocumentJson.FormatTime(document.CreatedAt)),
            ("$updated", DocumentJson.FormatTime(document.UpdatedAt)), ("$deleted", document.Deleted ? 1 : 0),
            ("$body", body), ("$meta", DocumentRows.WriteEdits(document.FieldEdits)));
        return document with { Sequence = sequence, BodyJson = body };
    }, cancellationToken);

    // One row per document and facility left: a later exit from the same facility replaces it at a newer sequence.
    public Task<long> RecordExitAsync(FacilityExit exit, CancellationToken cancellationToken) => Run(() =>
    {
        var sequence = NextSequence();
        _commands.Execute(
            "INSERT INTO document_exits (collection, id, facility_id, version, seq, exited_at) VALUES ($collection, $id, $facility, " +
            "$version, $seq, $at) ON CONFLICT (collection, id, facility_id) DO UPDATE SET version = excluded.version, " +
            "seq = excluded.seq, exited_at = excluded.exited_at",
            ("$collection", exit.Collection), ("$id", exit.DocumentId), ("$facility", exit.FacilityId), ("$version", exit.Version),
            ("$seq", sequence), ("$at", DocumentJson.FormatTime(exit.At)));
        return sequence;
    }, cancellationToken);

    public Task AppendConflictAsync(ConflictEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(LogRows.Conflict(entry), cancellationToken);

    public Task AppendDeletionAsync(DeletionEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(LogRows.Deletion(entry), cancellationToken);

    public Task<string?> FindProcessedOperationAsync(string deviceId, string operationKey, CancellationToken cancellationToken) =>
        Run(() => (string?)_commands.Scalar("SELECT result FROM processed_operations WHERE device_id = $device AND op_id = $op",
            ("$device", deviceId), ("$op", operationKey)), cancellationToken);

    // One statement for a whole push batch instead of one per operation.
    public Task<IReadOnlyDictionary<string, string>> FindProcessedOperationsAsync(
        string deviceId, IReadOnlyCollection<string> operationKeys, CancellationToken cancellationToken) => Run(() =>
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = _commands.For(
            "SELECT op_id, result FROM processed_operations WHERE device_id = $device AND op_id IN (SELECT value FROM json_each($keys))",
            ("$device", deviceId), ("$keys", JsonSerializer.Serialize(operationKeys))).ExecuteReader();
        while (reader.Read())
        {
            found[reader.GetString(0)] = reader.GetString(1);
        }

        return (IReadOnlyDictionary<string, string>)found;
    }, cancellationToken);

    public Task RecordProcessedOperationAsync(string deviceId, string operationKey, string resultJson, CancellationToken cancellationToken) =>
        ExecuteAsync(new LogRows.Row(
            "INSERT INTO processed_operations (device_id, op_id, result, created_at) VALUES ($device, $op, $result, $created)",
            [("$device", deviceId), ("$op", operationKey), ("$result", resultJson), ("$created", SqliteSyncStore.Now(_writer.Clock))]),
            cancellationToken);

    // The result as UTF-8 bytes, stored as text like the document's body.
    public Task RecordProcessedOperationAsync(
        string deviceId, string operationKey, byte[] resultUtf8, CancellationToken cancellationToken) =>
        ExecuteAsync(new LogRows.Row(
            "INSERT INTO processed_operations (device_id, op_id, result, created_at) " +
            "VALUES ($device, $op, CAST($result AS TEXT), $created)",
            [("$device", deviceId), ("$op", operationKey), ("$result", resultUtf8), ("$created", SqliteSyncStore.Now(_writer.Clock))]),
            cancellationToken);

    // Only the active sessions of users who may see the change now get a row: scope and staleness are decided here,
    // inside the transaction of the change, so a notification exists exactly when the change does.
    public Task NotifyAsync(DocumentChange change, DateTimeOffset activeSince, CancellationToken cancellationToken) => Run(() =>
    {
        if (_sessions.NoneActiveSince(activeSince))
        {
            return 0;
        }

        var now = _writer.Clock.GetUtcNow();
        using var reader = _commands.For(
            "INSERT INTO sync_notifications (device_id, user_id, collection, document_id, facility_id, action, version, seq, status, " +
            "created_at) SELECT s.device_id, s.user_id, $collection, $document, $facility, $action, $version, $seq, 'pending', $now " +
            "FROM active_sync_sessions s JOIN users u ON u.id = s.user_id WHERE s.last_heartbeat >= $active " +
            "AND (u.role = 'system' OR EXISTS (SELECT 1 FROM facility_memberships m WHERE m.user_id = s.user_id " +
            "AND m.facility_id = $facility)) AND (s.collections = '' OR instr(',' || s.collections || ',', ',' || $collection || ',') > 0) " +
            "RETURNING id, device_id, user_id",
            ("$collection", change.Collection), ("$document", change.DocumentId), ("$facility", change.FacilityId),
            ("$action", change.Action), ("$version", change.Version), ("$seq", change.Sequence),
            ("$now", DocumentJson.FormatTime(now)), ("$active", DocumentJson.FormatTime(activeSince))).ExecuteReader();
        while (reader.Read())
        {
            _notifications.Add(new PendingNotification(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change, now, null));
        }

        return 0;
    }, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Run(() =>
        {
            if (_sequenceMoved)
            {
                _commands.Execute("UPDATE sequences SET value = $value WHERE name = 'change'", ("$value", _sequence));
                _sequenceMoved = false;
            }

            _transaction.Commit();
            return 0;
        }, cancellationToken);
        _writer.Checkpointer.Committed();
        if (_notifications.Count > 0)
        {
            _writer.Publisher?.Publish([.. _notifications]);
        }
    }

    public async Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken)
    {
        var now = SqliteSyncStore.Now(_writer.Clock);
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
        Run(() => _commands.Execute(row.Sql, row.Parameters), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _commands.Dispose();
            await _transaction.DisposeAsync();
        }
        catch
        {
            // A rollback that failed may leave the connection inside the transaction: the next writer gets a new one.
            await _writer.Connection.DiscardAsync();
            throw;
        }
        finally
        {
            _writer.Gate.Release();
        }
    }

    // The change sequence is read once and counted here; the row is written back once, right before the commit. No other
    // writer can take a sequence in between: the transaction holds SQLite's write lock from its start.
    private long NextSequence()
    {
        _sequence ??= (long)_commands.Scalar("SELECT value FROM sequences WHERE name = 'change'")!;
        _sequence++;
        _sequenceMoved = true;
        return _sequence.Value;
    }

    private static Task<T> Run<T>(Func<T> statements, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(statements());
        }
        catch (SqliteException e)
        {
            return Task.FromException<T>(SqliteErrors.Translate(e));
        }
    }
}
