using FieldSync.Core.Documents;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Sqlite;

/// <summary>The INSERT of each log table, with its parameters.</summary>
internal static class LogRows
{
    public sealed record Row(string Sql, (string Name, object? Value)[] Parameters);

    public static Row SyncOperation(SyncOperationEntry e) => new(
        "INSERT INTO sync_operations (device_id, user_id, operation, collections, status, documents_sent, deletions_sent, " +
        "checkpoint_from, checkpoint_to, duration_ms, error, created_at) VALUES ($device, $user, $operation, $collections, $status, " +
        "$documents, $deletions, $from, $to, $duration, $error, $created)",
        [("$device", e.DeviceId), ("$user", e.UserId), ("$operation", e.Operation), ("$collections", e.Collections),
         ("$status", e.Status), ("$documents", e.DocumentsSent), ("$deletions", e.DeletionsSent), ("$from", e.CheckpointFrom),
         ("$to", e.CheckpointTo), ("$duration", e.DurationMs), ("$error", e.Error), ("$created", Time(e.CreatedAt))]);

    public static Row QueueBatch(QueueBatchEntry e) => new(
        "INSERT INTO queue_processing_log (batch_id, device_id, user_id, processed, succeeded, failed, retryable, duplicates, " +
        "conflicts, duration_ms, created_at) VALUES ($batch, $device, $user, $processed, $succeeded, $failed, $retryable, " +
        "$duplicates, $conflicts, $duration, $created)",
        [("$batch", e.BatchId), ("$device", e.DeviceId), ("$user", e.UserId), ("$processed", e.Processed),
         ("$succeeded", e.Succeeded), ("$failed", e.Failed), ("$retryable", e.Retryable), ("$duplicates", e.Duplicates),
         ("$conflicts", e.Conflicts), ("$duration", e.DurationMs), ("$created", Time(e.CreatedAt))]);

    public static Row Conflict(ConflictEntry e) => new(
        "INSERT INTO conflict_log (id, collection, document_id, facility_id, device_id, user_id, source, strategy, resolution, base_version, " +
        "server_version, client_data, server_data, resolved_data, client_timestamp, clock_skew_ms, created_at) VALUES ($id, " +
        "$collection, $document, $facility, $device, $user, $source, $strategy, $resolution, $base, $server, CAST($client_data AS TEXT), " +
        "CAST($server_data AS TEXT), CAST($resolved_data AS TEXT), $client_time, $skew, $created)",
        [("$id", e.Id), ("$collection", e.Collection), ("$document", e.DocumentId), ("$facility", e.FacilityId),
         ("$device", e.DeviceId), ("$user", e.UserId), ("$source", e.Source), ("$strategy", e.Strategy), ("$resolution", e.Resolution),
         ("$base", e.BaseVersion), ("$server", e.ServerVersion), ("$client_data", e.ClientData),
         ("$server_data", e.ServerData), ("$resolved_data", e.ResolvedData),
         ("$client_time", e.ClientTimestamp is { } t ? Time(t) : null), ("$skew", e.ClockSkewMs), ("$created", Time(e.CreatedAt))]);

    public static Row Deletion(DeletionEntry e) => new(
        "INSERT INTO deletion_log (collection, document_id, facility_id, version, deleted_by, device_id, last_state, deleted_at) " +
        "VALUES ($collection, $document, $facility, $version, $by, $device, CAST($state AS TEXT), $at)",
        [("$collection", e.Collection), ("$document", e.DocumentId), ("$facility", e.FacilityId), ("$version", e.Version),
         ("$by", e.DeletedBy), ("$device", e.DeviceId), ("$state", e.LastState), ("$at", Time(e.DeletedAt))]);

    private static string Time(DateTimeOffset time) => DocumentJson.FormatTime(time);
}
