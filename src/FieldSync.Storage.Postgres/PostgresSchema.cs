using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// The schema as ordered migrations, applied under an advisory lock so that several instances starting at once
/// migrate exactly once; the applied version is recorded in <c>schema_version</c>.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Positions are transaction id × 2^16 + the change's number within its transaction.</summary>
    public const long PositionsPerTransaction = 65536;

    private const long MigrationLock = 0x4669656c6453796e; // "FieldSyn"

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE documents (
            collection text NOT NULL, id text NOT NULL, facility_id text NOT NULL,
            version bigint NOT NULL, seq bigint NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
            deleted boolean NOT NULL DEFAULT false, body jsonb NOT NULL, field_meta jsonb NOT NULL,
            PRIMARY KEY (collection, id));
        CREATE UNIQUE INDEX ix_documents_seq ON documents (seq);
        CREATE INDEX ix_documents_collection_facility_seq ON documents (collection, facility_id, seq);
        CREATE INDEX ix_documents_updated_at ON documents (updated_at);

        -- A change's position orders it after every change of every transaction that finished before it took an id.
        CREATE FUNCTION fieldsync_position() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
            k bigint := coalesce(nullif(current_setting('fieldsync.changes_in_transaction', true), ''), '0')::bigint + 1;
        BEGIN
            IF k >= 65536 THEN
                RAISE EXCEPTION 'one transaction may change at most 65535 documents';
            END IF;
            PERFORM set_config('fieldsync.changes_in_transaction', k::text, true);
            NEW.seq := (pg_current_xact_id()::text::bigint) * 65536 + k;
            RETURN NEW;
        END $fn$;
        CREATE TRIGGER documents_position BEFORE INSERT OR UPDATE ON documents
            FOR EACH ROW EXECUTE FUNCTION fieldsync_position();

        -- Changes written by FieldSync announce themselves; a change written by another tool is announced here.
        CREATE FUNCTION fieldsync_announce_foreign() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF coalesce(current_setting('fieldsync.writer', true), '') <> 'on' THEN
                PERFORM pg_notify('fieldsync_changes', 'x:' || NEW.seq::text);
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER documents_announce_foreign AFTER INSERT OR UPDATE ON documents
            FOR EACH ROW EXECUTE FUNCTION fieldsync_announce_foreign();

        CREATE TABLE document_exits (
            collection text NOT NULL, id text NOT NULL, facility_id text NOT NULL, version bigint NOT NULL,
            seq bigint NOT NULL, exited_at timestamptz NOT NULL, PRIMARY KEY (collection, id, facility_id));
        CREATE UNIQUE INDEX ix_document_exits_seq ON document_exits (seq);
        CREATE TRIGGER document_exits_position BEFORE INSERT OR UPDATE ON document_exits
            FOR EACH ROW EXECUTE FUNCTION fieldsync_position();

        CREATE TABLE users (id text PRIMARY KEY, role text NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
        CREATE TABLE facility_memberships (
            user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE, facility_id text NOT NULL,
            PRIMARY KEY (user_id, facility_id));
        CREATE INDEX ix_facility_memberships_facility ON facility_memberships (facility_id);

        CREATE TABLE processed_operations (
            device_id text NOT NULL, op_id text NOT NULL, result text NOT NULL, created_at timestamptz NOT NULL,
            PRIMARY KEY (device_id, op_id));
        CREATE INDEX ix_processed_operations_created_at ON processed_operations (created_at);

        CREATE TABLE sync_operations (
            id bigserial PRIMARY KEY, device_id text NOT NULL, user_id text NOT NULL, operation text NOT NULL,
            collections text NOT NULL, status text NOT NULL, documents_sent integer NOT NULL, deletions_sent integer NOT NULL,
            checkpoint_from bigint NOT NULL, checkpoint_to bigint NOT NULL, duration_ms bigint NOT NULL, error text,
            created_at timestamptz NOT NULL);
        CREATE INDEX ix_sync_operations_created_at ON sync_operations (created_at);
        CREATE INDEX ix_sync_operations_device ON sync_operations (device_id, created_at);
        CREATE INDEX ix_sync_operations_user ON sync_operations (user_id, created_at);

        CREATE TABLE queue_processing_log (
            id bigserial PRIMARY KEY, batch_id text NOT NULL, device_id text NOT NULL, user_id text NOT NULL,
            processed integer NOT NULL, succeeded integer NOT NULL, failed integer NOT NULL, retryable integer NOT NULL,
            duplicates integer NOT NULL, conflicts integer NOT NULL, duration_ms bigint NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX ix_queue_processing_log_created_at ON queue_processing_log (created_at);
        CREATE INDEX ix_queue_processing_log_device ON queue_processing_log (device_id, created_at);
        CREATE INDEX ix_queue_processing_log_user ON queue_processing_log (user_id, created_at);

        CREATE TABLE conflict_log (
            id text PRIMARY KEY, collection text NOT NULL, document_id text NOT NULL, facility_id text NOT NULL,
            device_id text NOT NULL, user_id text NOT NULL, source text NOT NULL, strategy text NOT NULL, resolution text NOT NULL,
            base_version bigint, server_version bigint NOT NULL, client_data jsonb NOT NULL, server_data jsonb NOT NULL,
            resolved_data jsonb NOT NULL, client_timestamp timestamptz, clock_skew_ms bigint NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX ix_conflict_log_created_at ON conflict_log (created_at);
        CREATE INDEX ix_conflict_log_facility ON conflict_log (facility_id, created_at);
        CREATE INDEX ix_conflict_log_device ON conflict_log (device_id, created_at);

        CREATE TABLE deletion_log (
            id bigserial PRIMARY KEY, collection text NOT NULL, document_id text NOT NULL, facility_id text NOT NULL,
            version bigint NOT NULL, deleted_by text NOT NULL, device_id text NOT NULL, last_state jsonb NOT NULL,
            deleted_at timestamptz NOT NULL);
        CREATE INDEX ix_deletion_log_deleted_at ON deletion_log (deleted_at);
        CREATE INDEX ix_deletion_log_facility ON deletion_log (facility_id, deleted_at);
        CREATE INDEX ix_deletion_log_document ON deletion_log (collection, document_id);

        CREATE TABLE active_sync_sessions (
            device_id text PRIMARY KEY, user_id text NOT NULL, collections text NOT NULL,
            last_heartbeat timestamptz NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX ix_active_sync_sessions_user ON active_sync_sessions (user_id);
        CREATE INDEX ix_active_sync_sessions_heartbeat ON active_sync_sessions (last_heartbeat);

        CREATE TABLE sync_notifications (
            id bigserial PRIMARY KEY, device_id text NOT NULL, user_id text NOT NULL, collection text NOT NULL,
            document_id text NOT NULL, facility_id text NOT NULL, action text NOT NULL, version bigint NOT NULL,
            seq bigint NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL, delivered_at timestamptz);
        CREATE UNIQUE INDEX ix_sync_notifications_device_seq ON sync_notifications (device_id, seq);
        CREATE INDEX ix_sync_notifications_seq ON sync_notifications (seq);
        CREATE INDEX ix_sync_notifications_device ON sync_notifications (device_id, status, id);
        CREATE INDEX ix_sync_notifications_created_at ON sync_notifications (created_at);

        CREATE TABLE realtime_notifications (
            id bigserial PRIMARY KEY, device_id text NOT NULL, user_id text NOT NULL, channel text NOT NULL,
            collection text NOT NULL, document_id text NOT NULL, facility_id text NOT NULL, action text NOT NULL,
            seq bigint NOT NULL, created_at timestamptz NOT NULL);
        CREATE INDEX ix_realtime_notifications_created_at ON realtime_notifications (created_at);
        CREATE INDEX ix_realtime_notifications_device ON realtime_notifications (device_id, created_at);
        """,
        PostgresSyncStore.ExecutionsMigration,
        // A pull reads each facility's exits in sequence order (PostgresChangeQueries); the table is small and rarely written.
        "CREATE INDEX ix_document_exits_facility_seq ON document_exits (facility_id, seq);",
    ];

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Pg.ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await Pg.ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var current = Convert.ToInt32(await Pg.ScalarAsync(connection, transaction,
                "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Migrations.Count)
            {
                throw new Core.Errors.StorageException(
                    $"The database has schema version {current}, newer than this server's {Migrations.Count}; upgrade the server.", false);
            }

            for (var version = current + 1; version <= Migrations.Count; version++)
            {
                await Pg.ExecuteAsync(connection, transaction, Migrations[version - 1], cancellationToken);
                await Pg.ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({version})", cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await Pg.ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }
}
