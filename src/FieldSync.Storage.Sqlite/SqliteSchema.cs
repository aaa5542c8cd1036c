using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>The schema, as an ordered list of migrations; the applied version is recorded in <c>schema_version</c>.</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
        INSERT INTO sequences (name, value) VALUES ('change', 0);

        CREATE TABLE documents (
            collection TEXT NOT NULL, id TEXT NOT NULL, facility_id TEXT NOT NULL,
            version INTEGER NOT NULL, seq INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL, field_meta TEXT NOT NULL,
            PRIMARY KEY (collection, id)) STRICT;
        CREATE UNIQUE INDEX ix_documents_seq ON documents (seq);
        CREATE INDEX ix_documents_facility_seq ON documents (facility_id, seq);
        CREATE INDEX ix_documents_updated_at ON documents (updated_at);

        CREATE TABLE document_exits (
            collection TEXT NOT NULL, id TEXT NOT NULL, facility_id TEXT NOT NULL, version INTEGER NOT NULL,
            seq INTEGER NOT NULL, exited_at TEXT NOT NULL, PRIMARY KEY (collection, id, facility_id)) STRICT;
        CREATE UNIQUE INDEX ix_document_exits_seq ON document_exits (seq);

        CREATE TABLE users (id TEXT PRIMARY KEY, role TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
        CREATE TABLE facility_memberships (
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE, facility_id TEXT NOT NULL,
            PRIMARY KEY (user_id, facility_id)) STRICT;
        CREATE INDEX ix_facility_memberships_facility ON facility_memberships (facility_id);

        CREATE TABLE processed_operations (
            device_id TEXT NOT NULL, op_id TEXT NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (device_id, op_id)) STRICT;
        CREATE INDEX ix_processed_operations_created_at ON processed_operations (created_at);

        CREATE TABLE sync_operations (
            id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, user_id TEXT NOT NULL, operation TEXT NOT NULL,
            collections TEXT NOT NULL, status TEXT NOT NULL, documents_sent INTEGER NOT NULL, deletions_sent INTEGER NOT NULL,
            checkpoint_from INTEGER NOT NULL, checkpoint_to INTEGER NOT NULL, duration_ms INTEGER NOT NULL, error TEXT,
            created_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_sync_operations_created_at ON sync_operations (created_at);
        CREATE INDEX ix_sync_operations_device ON sync_operations (device_id, created_at);
        CREATE INDEX ix_sync_operations_user ON sync_operations (user_id, created_at);

        CREATE TABLE queue_processing_log (
            id INTEGER PRIMARY KEY, batch_id TEXT NOT NULL, device_id TEXT NOT NULL, user_id TEXT NOT NULL,
            processed INTEGER NOT NULL, succeeded INTEGER NOT NULL, failed INTEGER NOT NULL, retryable INTEGER NOT NULL,
            duplicates INTEGER NOT NULL, conflicts INTEGER NOT NULL, duration_ms INTEGER NOT NULL, created_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_queue_processing_log_created_at ON queue_processing_log (created_at);
        CREATE INDEX ix_queue_processing_log_device ON queue_processing_log (device_id, created_at);
        CREATE INDEX ix_queue_processing_log_user ON queue_processing_log (user_id, created_at);

        CREATE TABLE conflict_log (
            id TEXT PRIMARY KEY, collection TEXT NOT NULL, document_id TEXT NOT NULL, facility_id TEXT NOT NULL,
            device_id TEXT NOT NULL, user_id TEXT NOT NULL, source TEXT NOT NULL, strategy TEXT NOT NULL, resolution TEXT NOT NULL,
            base_version INTEGER, server_version INTEGER NOT NULL, client_data TEXT NOT NULL, server_data TEXT NOT NULL,
            resolved_data TEXT NOT NULL, client_timestamp TEXT, clock_skew_ms INTEGER NOT NULL, created_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_conflict_log_created_at ON conflict_log (created_at);
        CREATE INDEX ix_conflict_log_facility ON conflict_log (facility_id, created_at);
        CREATE INDEX ix_conflict_log_device ON conflict_log (device_id, created_at);

        CREATE TABLE deletion_log (
            id INTEGER PRIMARY KEY, collection TEXT NOT NULL, document_id TEXT NOT NULL, facility_id TEXT NOT NULL,
            version INTEGER NOT NULL, deleted_by TEXT NOT NULL, device_id TEXT NOT NULL, last_state TEXT NOT NULL,
            deleted_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_deletion_log_deleted_at ON deletion_log (deleted_at);
        CREATE INDEX ix_deletion_log_facility ON deletion_log (facility_id, deleted_at);
        CREATE INDEX ix_deletion_log_document ON deletion_log (collection, document_id);

        CREATE TABLE active_sync_sessions (
            device_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, collections TEXT NOT NULL,
            last_heartbeat TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_active_sync_sessions_user ON active_sync_sessions (user_id);
        CREATE INDEX ix_active_sync_sessions_heartbeat ON active_sync_sessions (last_heartbeat);

        CREATE TABLE sync_notifications (
            id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, user_id TEXT NOT NULL, collection TEXT NOT NULL,
            document_id TEXT NOT NULL, facility_id TEXT NOT NULL, action TEXT NOT NULL, version INTEGER NOT NULL,
            seq INTEGER NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT) STRICT;
        CREATE INDEX ix_sync_notifications_device ON sync_notifications (device_id, status, id);
        CREATE INDEX ix_sync_notifications_created_at ON sync_notifications (created_at);

        CREATE TABLE realtime_notifications (
            id INTEGER PRIMARY KEY, device_id TEXT NOT NULL, user_id TEXT NOT NULL, channel TEXT NOT NULL,
            collection TEXT NOT NULL, document_id TEXT NOT NULL, facility_id TEXT NOT NULL, action TEXT NOT NULL,
            seq INTEGER NOT NULL, created_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_realtime_notifications_created_at ON realtime_notifications (created_at);
        CREATE INDEX ix_realtime_notifications_device ON realtime_notifications (device_id, created_at);
        """,
        SqliteSyncStore.ExecutionsMigration,
    ];

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await Sql.ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT", cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Convert.ToInt32(await Sql.ScalarAsync(connection, transaction,
            "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Count)
        {
            throw new Core.Errors.StorageException(
                $"The database has schema version {current}, newer than this server's {Migrations.Count}; upgrade the server.", false);
        }

        for (var version = current + 1; version <= Migrations.Count; version++)
        {
            await Sql.ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
            await Sql.ExecuteAsync(connection, transaction,
                $"INSERT INTO schema_version (version, applied_at) VALUES ({version}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                cancellationToken);
        }

        transaction.Commit();
    }
}
