using System.Text;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Postgres;

/// <summary>The INSERT of each log table, with its parameters.</summary>
internal static class PostgresLogRows
{
    public sealed record Row(string Sql, (string Name, object? Value)[] Parameters);

    public static Row SyncOperation(SyncOperationEntry e) => new(
        "INSERT INTO sync_operations (device_id, user_id, operation, collections, status, documents_sent, deletions_sent, " +
        "checkpoint_from, checkpoint_to, duration_ms, error, created_at) VALUES (@device, @user, @operation, @collections, @status, " +
        "@documents, @deletions, @from, @to, @duration, @error, @created)",
        [("device", e.DeviceId), ("user", e.UserId), ("operation", e.Operation), ("collections", e.Collections),
         ("status", e.Status), ("documents", e.DocumentsSent), ("deletions", e.DeletionsSent), ("from", e.CheckpointFrom),
         ("to", e.CheckpointTo), ("duration", e.DurationMs), ("error", e.Error), ("created", e.CreatedAt.ToUniversalTime())]);

    public static Row QueueBatch(QueueBatchEntry e) => new(
        "INSERT INTO queue_processing_log (batch_id, device_id, user_id, processed, succeeded, failed, retryable, duplicates, " +
        "conflicts, duration_ms, created_at) VALUES (@batch, @device, @user, @processed, @succeeded, @failed, @retryable, " +
        "@duplicates, @conflicts, @duration, @created)",
        [("batch", e.BatchId), ("device", e.DeviceId), ("user", e.UserId), ("processed", e.Processed),
         ("succeeded", e.Succeeded), ("failed", e.Failed), ("retryable", e.Retryable), ("duplicates", e.Duplicates),
         ("conflicts", e.Conflicts), ("duration", e.DurationMs), ("created", e.CreatedAt.ToUniversalTime())]);

    public static Row Conflict(ConflictEntry e) => new(
        "INSERT INTO conflict_log (id, collection, document_id, facility_id, device_id, user_id, source, strategy, resolution, " +
        "base_version, server_version, client_data, server_data, resolved_data, client_timestamp, clock_skew_ms, created_at) VALUES " +
        "(@id, @collection, @document, @facility, @device, @user, @source, @strategy, @resolution, @base, @server, " +
        "@client_data::jsonb, @server_data::jsonb, @resolved_data::jsonb, @client_time, @skew, @created)",
        [("id", e.Id), ("collection", e.Collection), ("document", e.DocumentId), ("facility", e.FacilityId),
         ("device", e.DeviceId), ("user", e.UserId), ("source", e.Source), ("strategy", e.Strategy), ("resolution", e.Resolution),
         ("base", e.BaseVersion), ("server", e.ServerVersion), ("client_data", Text(e.ClientData)),
         ("server_data", Text(e.ServerData)), ("resolved_data", Text(e.ResolvedData)),
         ("client_time", e.ClientTimestamp?.ToUniversalTime()), ("skew", e.ClockSkewMs), ("created", e.CreatedAt.ToUniversalTime())]);

    public static Row Deletion(DeletionEntry e) => new(
        "INSERT INTO deletion_log (collection, document_id, facility_id, version, deleted_by, device_id, last_state, deleted_at) " +
        "VALUES (@collection, @document, @facility, @version, @by, @device, @state::jsonb, @at)",
        [("collection", e.Collection), ("document", e.DocumentId), ("facility", e.FacilityId), ("version", e.Version),
         ("by", e.DeletedBy), ("device", e.DeviceId), ("state", Text(e.LastState)), ("at", e.DeletedAt.ToUniversalTime())]);

    // JSON bound as text and cast to jsonb by the statement.
    private static string Text(byte[] utf8Json) => Encoding.UTF8.GetString(utf8Json);
}
