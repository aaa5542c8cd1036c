using System.Globalization;
using FieldSync.Core.Status;
using Npgsql;
using NpgsqlTypes;

namespace FieldSync.Storage.Postgres;

/// <summary>The status monitor's counts: one indexed query per log, all over the same filter.</summary>
internal static class PostgresStatusQueries
{
    private const bool ByUser = true;
    private const bool ByFacility = false;

    public static async Task<StatusCounts> CountAsync(NpgsqlConnection connection, StatusFilter filter, CancellationToken cancellationToken)
    {
        var pulls = await RowAsync(connection, filter, "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'failed'), " +
            "COALESCE(SUM(documents_sent), 0), COALESCE(AVG(duration_ms), 0) FROM sync_operations", "created_at", ByUser, cancellationToken);
        var queue = await RowAsync(connection, filter, "SELECT COUNT(*), COALESCE(SUM(processed), 0), COALESCE(SUM(failed), 0), " +
            "COALESCE(SUM(retryable), 0) FROM queue_processing_log", "created_at", ByUser, cancellationToken);
        var sessions = await RowAsync(connection, filter, "SELECT COUNT(*) FILTER (WHERE last_heartbeat >= @active), " +
            "COUNT(*) FILTER (WHERE last_heartbeat < @active) FROM active_sync_sessions", "last_heartbeat", ByUser, cancellationToken);
        var notifications = await RowAsync(connection, filter with { From = DateTimeOffset.UnixEpoch },
            "SELECT COUNT(*) FILTER (WHERE status = 'pending'), COUNT(*) FILTER (WHERE status = 'delivered' AND delivered_at >= @window_from) " +
            "FROM sync_notifications", "created_at", ByFacility, cancellationToken, ("window_from", filter.From.ToUniversalTime()));
        var realtime = await RowAsync(connection, filter, "SELECT COUNT(*) FROM realtime_notifications", "created_at", ByFacility,
            cancellationToken);
        var deletions = await RowAsync(connection, filter with { UserId = null }, "SELECT COUNT(*) FROM deletion_log", "deleted_at",
            ByFacility, cancellationToken, filter.UserId is null ? [] : [("deleted_by", filter.UserId)]);
        var conflicts = await ConflictsAsync(connection, filter, cancellationToken);
        return new StatusCounts
        {
            SyncOperations = (long)pulls[0], SyncFailed = (long)pulls[1], DocumentsSent = (long)pulls[2], AverageDurationMs = pulls[3],
            Batches = (long)queue[0], Operations = (long)queue[1], OperationsFailed = (long)queue[2], OperationsRetryable = (long)queue[3],
            ConflictsByStrategy = conflicts.GroupBy(c => c.Key.Strategy).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)),
            PushConflicts = conflicts.Where(c => c.Key.Source == "push").Sum(c => c.Value),
            ActiveSessions = (long)sessions[0], StaleSessions = (long)sessions[1],
            PendingNotifications = (long)notifications[0], DeliveredNotifications = (long)notifications[1],
            RealtimeMessages = (long)realtime[0], Deletions = (long)deletions[0],
        };
    }

    private static async Task<Dictionary<(string Strategy, string Source), long>> ConflictsAsync(NpgsqlConnection connection,
        StatusFilter filter, CancellationToken cancellationToken)
    {
        await using var command = Build(connection, filter, "SELECT strategy, source, COUNT(*) FROM conflict_log", "created_at", ByFacility, []);
        command.CommandText += " GROUP BY strategy, source";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<(string Strategy, string Source), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        }

        return counts;
    }

    private static async Task<double[]> RowAsync(NpgsqlConnection connection, StatusFilter filter, string select, string timeColumn,
        bool facilityByUser, CancellationToken cancellationToken, params (string Name, object? Value)[] extra)
    {
        await using var command = Build(connection, filter, select, timeColumn, facilityByUser, extra);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var values = new double[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? 0 : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        }

        return values;
    }

    // Rows that carry a facility are filtered by it; rows of devices and users by the user's facility membership.
    private static NpgsqlCommand Build(NpgsqlConnection connection, StatusFilter filter, string select, string timeColumn,
        bool facilityByUser, (string Name, object? Value)[] extra)
    {
        var where = new List<string> { $"{timeColumn} >= @from", $"{timeColumn} <= @to" };
        var command = Pg.Command(connection, null, "", ("from", filter.From.ToUniversalTime()), ("to", filter.To.ToUniversalTime()),
            ("active", filter.ActiveSince.ToUniversalTime()));
        if (filter.DeviceId is not null)
        {
            where.Add("device_id = @device");
            command.Parameters.AddWithValue("device", filter.DeviceId);
        }

        if (filter.UserId is not null)
        {
            where.Add("user_id = @user");
            command.Parameters.AddWithValue("user", filter.UserId);
        }

        foreach (var (name, value) in extra)
        {
            if (name == "deleted_by")
            {
                where.Add("deleted_by = @deleted_by");
            }

            command.Parameters.AddWithValue(name, value!);
        }

        if (filter.FacilityIds is { } facilities)
        {
            command.Parameters.Add(new NpgsqlParameter("facilities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = facilities.ToArray() });
            where.Add(facilityByUser
                ? "user_id IN (SELECT user_id FROM facility_memberships WHERE facility_id = ANY(@facilities))"
                : "facility_id = ANY(@facilities)");
        }

        command.CommandText = $"{select} WHERE {string.Join(" AND ", where)}";
        return command;
    }
}
