using FieldSync.Core.Realtime;
using FieldSync.Core.Status;
using Npgsql;
using NpgsqlTypes;

namespace FieldSync.Storage.Postgres;

public sealed partial class PostgresSyncStore
{
    /// <inheritdoc />
    public Task SaveSessionAsync(SessionEntry session, CancellationToken cancellationToken) => ExecuteAsync(new PostgresLogRows.Row(
        "INSERT INTO active_sync_sessions (device_id, user_id, collections, last_heartbeat, created_at) " +
        "VALUES (@device, @user, @collections, @now, @now) ON CONFLICT (device_id) DO UPDATE SET user_id = excluded.user_id, " +
        "collections = excluded.collections, last_heartbeat = excluded.last_heartbeat",
        [("device", session.DeviceId), ("user", session.UserId), ("collections", string.Join(',', session.Collections)),
         ("now", session.LastHeartbeat.ToUniversalTime())]), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingNotification>> ListNotificationsAsync(NotificationQuery query, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var sql = PostgresNotifications.SelectColumns + " FROM sync_notifications WHERE device_id = @device AND user_id = @user" +
                (query.PendingOnly ? " AND status = 'pending'" : "") +
                (query.Scope.IsAll ? "" : " AND facility_id = ANY(@facilities)") + " ORDER BY id LIMIT @limit";
            await using var command = Pg.Command(connection, null, sql, ("device", query.DeviceId), ("user", query.UserId),
                ("limit", query.Limit));
            command.Parameters.Add(new NpgsqlParameter("facilities", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                Value = query.Scope.Facilities.ToArray(),
            });
            return (IReadOnlyList<PendingNotification>)await PostgresNotifications.ReadAsync(command, cancellationToken);
        });

    /// <inheritdoc />
    public Task<int> AcknowledgeNotificationsAsync(string deviceId, string userId, IReadOnlyList<long> ids, DateTimeOffset at,
        CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Pg.Command(connection, null,
            "UPDATE sync_notifications SET status = 'delivered', delivered_at = @at WHERE device_id = @device AND user_id = @user " +
            "AND status = 'pending' AND id = ANY(@ids)", ("device", deviceId), ("user", userId), ("at", at.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    });

    /// <inheritdoc />
    public Task AppendRealtimeDeliveriesAsync(IReadOnlyList<RealtimeDelivery> deliveries, CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var d in deliveries)
            {
                var command = new NpgsqlBatchCommand(
                    "INSERT INTO realtime_notifications (device_id, user_id, channel, collection, document_id, facility_id, action, seq, " +
                    "created_at) VALUES (@device, @user, @channel, @collection, @document, @facility, @action, @seq, @created)");
                command.Parameters.AddWithValue("device", d.DeviceId);
                command.Parameters.AddWithValue("user", d.UserId);
                command.Parameters.AddWithValue("channel", d.Channel);
                command.Parameters.AddWithValue("collection", d.Change.Collection);
                command.Parameters.AddWithValue("document", d.Change.DocumentId);
                command.Parameters.AddWithValue("facility", d.Change.FacilityId);
                command.Parameters.AddWithValue("action", d.Change.Action);
                command.Parameters.AddWithValue("seq", d.Change.Sequence);
                command.Parameters.AddWithValue("created", d.CreatedAt.ToUniversalTime());
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        });

    /// <inheritdoc />
    public Task<StatusCounts> CountAsync(StatusFilter filter, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresStatusQueries.CountAsync(connection, filter, cancellationToken);
    });

    /// <inheritdoc />
    public async Task<int> PruneLogsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        string[] statements =
        [
            "DELETE FROM sync_operations WHERE created_at < @cutoff",
            "DELETE FROM queue_processing_log WHERE created_at < @cutoff",
            "DELETE FROM conflict_log WHERE created_at < @cutoff",
            "DELETE FROM deletion_log WHERE deleted_at < @cutoff",
            "DELETE FROM sync_notifications WHERE created_at < @cutoff",
            "DELETE FROM realtime_notifications WHERE created_at < @cutoff",
            "DELETE FROM active_sync_sessions WHERE last_heartbeat < @cutoff",
            "DELETE FROM processed_operations WHERE created_at < @cutoff",
            "DELETE FROM function_executions WHERE created_at < @cutoff",
        ];
        var removed = 0;
        foreach (var statement in statements)
        {
            removed += await ExecuteAsync(new PostgresLogRows.Row(statement, [("cutoff", before.ToUniversalTime())]), cancellationToken);
        }

        return removed;
    }
}
