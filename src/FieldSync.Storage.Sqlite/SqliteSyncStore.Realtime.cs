using System.Globalization;
using System.Text;
using FieldSync.Core.Documents;
using FieldSync.Core.Realtime;
using FieldSync.Core.Status;

namespace FieldSync.Storage.Sqlite;

public sealed partial class SqliteSyncStore
{
    /// <inheritdoc />
    public async Task SaveSessionAsync(SessionEntry session, CancellationToken cancellationToken)
    {
        var now = DocumentJson.FormatTime(session.LastHeartbeat);
        await AppendAsync(new LogRows.Row(
            "INSERT INTO active_sync_sessions (device_id, user_id, collections, last_heartbeat, created_at) " +
            "VALUES ($device, $user, $collections, $now, $now) ON CONFLICT (device_id) DO UPDATE SET user_id = excluded.user_id, " +
            "collections = excluded.collections, last_heartbeat = excluded.last_heartbeat",
            [("$device", session.DeviceId), ("$user", session.UserId), ("$collections", string.Join(',', session.Collections)),
             ("$now", now)]), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingNotification>> ListNotificationsAsync(NotificationQuery query, CancellationToken cancellationToken) =>
        SqliteErrors.GuardAsync(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Sql.Command(connection, null, "", ("$device", query.DeviceId), ("$user", query.UserId),
                ("$limit", query.Limit));
            var sql = new StringBuilder("SELECT id, device_id, user_id, collection, document_id, facility_id, action, version, seq, " +
                "created_at, delivered_at FROM sync_notifications WHERE device_id = $device AND user_id = $user");
            if (query.PendingOnly)
            {
                sql.Append(" AND status = 'pending'");
            }

            if (!query.Scope.IsAll)
            {
                var names = query.Scope.Facilities.Select((f, i) => { command.Parameters.AddWithValue($"$f{i}", f); return $"$f{i}"; });
                sql.Append(" AND facility_id IN (").Append(string.Join(", ", names.DefaultIfEmpty("NULL"))).Append(')');
            }

            command.CommandText = sql.Append(" ORDER BY id LIMIT $limit").ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<PendingNotification>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var change = new DocumentChange(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                    reader.GetInt64(7), reader.GetInt64(8));
                rows.Add(new PendingNotification(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change,
                    DocumentRows.ParseTime(reader.GetString(9)), reader.IsDBNull(10) ? null : DocumentRows.ParseTime(reader.GetString(10))));
            }

            return (IReadOnlyList<PendingNotification>)rows;
        });

    /// <inheritdoc />
    public async Task<int> AcknowledgeNotificationsAsync(string deviceId, string userId, IReadOnlyList<long> ids, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(cancellationToken);
        var names = ids.Distinct().Select((_, i) => $"$id{i}").ToList();
        var parameters = new List<(string, object?)> { ("$device", deviceId), ("$user", userId), ("$at", DocumentJson.FormatTime(at)) };
        parameters.AddRange(ids.Distinct().Select((id, i) => ($"$id{i}", (object?)id)));
        var changed = await transaction.ExecuteAsync(new LogRows.Row(
            "UPDATE sync_notifications SET status = 'delivered', delivered_at = $at WHERE device_id = $device AND user_id = $user " +
            $"AND status = 'pending' AND id IN ({string.Join(", ", names)})", [.. parameters]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <inheritdoc />
    public async Task AppendRealtimeDeliveriesAsync(IReadOnlyList<RealtimeDelivery> deliveries, CancellationToken cancellationToken)
    {
        // A log of what went out, like the pull log: committed without waiting for the disk, so that a change notified to a
        // thousand devices does not hold the single writer for an fsync before the next change can commit.
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(durable: false, cancellationToken);
        foreach (var chunk in deliveries.Chunk(DeliveriesPerStatement))
        {
            await transaction.ExecuteAsync(DeliveryRows(chunk), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // One statement inserts many rows (nine parameters each, far below SQLite's limit of 32,766), so a change sent to a
    // thousand devices is logged by a few statements rather than a thousand.
    private const int DeliveriesPerStatement = 200;

    private static LogRows.Row DeliveryRows(RealtimeDelivery[] deliveries)
    {
        var sql = new StringBuilder("INSERT INTO realtime_notifications (device_id, user_id, channel, collection, document_id, " +
            "facility_id, action, seq, created_at) VALUES ");
        var parameters = new List<(string, object?)>(deliveries.Length * 9);
        for (var i = 0; i < deliveries.Length; i++)
        {
            var d = deliveries[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                $"($d{i}, $u{i}, $ch{i}, $c{i}, $doc{i}, $f{i}, $a{i}, $s{i}, $t{i})");
            parameters.AddRange([($"$d{i}", d.DeviceId), ($"$u{i}", d.UserId), ($"$ch{i}", d.Channel), ($"$c{i}", d.Change.Collection),
                ($"$doc{i}", d.Change.DocumentId), ($"$f{i}", d.Change.FacilityId), ($"$a{i}", d.Change.Action),
                ($"$s{i}", d.Change.Sequence), ($"$t{i}", DocumentJson.FormatTime(d.CreatedAt))]);
        }

        return new LogRows.Row(sql.ToString(), [.. parameters]);
    }

    /// <inheritdoc />
    public Task<StatusCounts> CountAsync(StatusFilter filter, CancellationToken cancellationToken) => SqliteErrors.GuardAsync(async () =>
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteStatusQueries.CountAsync(connection, filter, cancellationToken);
    });

    /// <inheritdoc />
    public async Task<int> PruneLogsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = DocumentJson.FormatTime(before);
        string[] statements =
        [
            "DELETE FROM sync_operations WHERE created_at < $cutoff",
            "DELETE FROM queue_processing_log WHERE created_at < $cutoff",
            "DELETE FROM conflict_log WHERE created_at < $cutoff",
            "DELETE FROM deletion_log WHERE deleted_at < $cutoff",
            "DELETE FROM sync_notifications WHERE created_at < $cutoff",
            "DELETE FROM realtime_notifications WHERE created_at < $cutoff",
            "DELETE FROM active_sync_sessions WHERE last_heartbeat < $cutoff",
            "DELETE FROM processed_operations WHERE created_at < $cutoff",
            "DELETE FROM function_executions WHERE created_at < $cutoff",
        ];
        var removed = 0;
        await using var transaction = (SqliteSyncTransaction)await BeginAsync(cancellationToken);
        foreach (var statement in statements)
        {
            removed += await transaction.ExecuteAsync(new LogRows.Row(statement, [("$cutoff", cutoff)]), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed;
    }
}
