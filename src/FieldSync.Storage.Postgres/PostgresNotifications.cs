using FieldSync.Core.Realtime;

namespace FieldSync.Storage.Postgres;

/// <summary>The SQL that makes the notification rows of a change: active sessions of users who may see it now.</summary>
internal static class PostgresNotifications
{
    // The unique (device_id, seq) index makes the insert idempotent: every instance may make the rows of a change
    // written by another tool, and each device still gets one.
    public const string InsertForChange =
        "INSERT INTO sync_notifications (device_id, user_id, collection, document_id, facility_id, action, version, seq, status, " +
        "created_at) SELECT s.device_id, s.user_id, @collection, @document, @facility, @action, @version, @seq, 'pending', @now " +
        "FROM active_sync_sessions s JOIN users u ON u.id = s.user_id WHERE s.last_heartbeat >= @active " +
        "AND (u.role = 'system' OR EXISTS (SELECT 1 FROM facility_memberships m WHERE m.user_id = s.user_id " +
        "AND m.facility_id = @facility)) AND (s.collections = '' OR @collection = ANY(string_to_array(s.collections, ','))) " +
        "ON CONFLICT (device_id, seq) DO NOTHING";

    public const string SelectColumns =
        "SELECT id, device_id, user_id, collection, document_id, facility_id, action, version, seq, created_at, delivered_at";

    public static async Task<List<PendingNotification>> ReadAsync(Npgsql.NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<PendingNotification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var change = new DocumentChange(reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetInt64(7), reader.GetInt64(8));
            rows.Add(new PendingNotification(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), change,
                reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return rows;
    }

    public static (string Name, object? Value)[] Parameters(DocumentChange change, DateTimeOffset now, DateTimeOffset activeSince) =>
    [
        ("collection", change.Collection), ("document", change.DocumentId), ("facility", change.FacilityId),
        ("action", change.Action), ("version", change.Version), ("seq", change.Sequence), ("now", now.ToUniversalTime()),
        ("active", activeSince.ToUniversalTime()),
    ];
}
