using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// Storage on PostgreSQL, for several stateless server instances on one database. Connections come from one pooled
/// data source. Writers run concurrently; pulls stay safe because a change's position begins with its transaction id
/// and a read never passes the oldest transaction still running (see <see cref="PostgresChangeReader"/>).
/// </summary>
public sealed partial class PostgresSyncStore(PostgresStoreOptions options, TimeProvider clock) : ISyncStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(options.ConnectionString);

    // Read before the snapshot: the transactions then running in other databases, which cannot write these tables.
    private const string ForeignTransactionsSql =
        "SELECT backend_xid::text::bigint FROM pg_stat_activity WHERE backend_xid IS NOT NULL " +
        "AND datname IS DISTINCT FROM current_database()";

    // The snapshot is taken by this first statement of the repeatable-read transaction. The horizon is the oldest
    // transaction still running in it that may belong to this database: those seen in another database just before are
    // passed over. One that got its id after that look counts as this database's; its id is above those of all changes
    // committed before the pull began, so it can only delay later ones, never skip one. With none running, every id
    // below xmax has ended.
    private const string OldestRunningWriterSql =
        "WITH s AS (SELECT pg_current_snapshot() AS snap) SELECT COALESCE(" +
        "(SELECT min(x::text::bigint) FROM s, pg_snapshot_xip(s.snap) AS x " +
        "WHERE NOT (x::text::bigint % 4294967296 = ANY(@foreign))), " +
        "(SELECT pg_snapshot_xmax(snap)::text::bigint FROM s))";

    // The horizon is the first position of that transaction, but no further than the newest change the snapshot sees:
    // nothing can still commit at or below it (a running transaction with an older id is held off by the first bound;
    // any other takes positions above it). A pull that finds nothing new thus keeps its checkpoint, as on SQLite,
    // instead of moving it with every transaction anywhere on the cluster.
    private const string HorizonSql =
        "SELECT LEAST((" + OldestRunningWriterSql + ") * @positions - 1, GREATEST(" +
        "(SELECT COALESCE(MAX(seq), 0) FROM documents), (SELECT COALESCE(MAX(seq), 0) FROM document_exits)))";

    /// <summary>The pooled data source, shared with the change listener.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresErrors.GuardAsync(() => PostgresSchema.MigrateAsync(_dataSource, cancellationToken));

    /// <inheritdoc />
    public Task<ISyncTransaction> BeginAsync(CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Pg.ExecuteAsync(connection, transaction, "SET LOCAL fieldsync.writer = 'on'", cancellationToken);
            return (ISyncTransaction)new PostgresSyncTransaction(connection, transaction, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    });

    /// <inheritdoc />
    public Task<IChangeReader> OpenChangeReaderAsync(CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Looked at after the snapshot, a transaction of another database that ended in between would pass for
            // this database's and hold the horizon below changes committed before the pull began.
            var foreign = new List<long>();
            await using (var command = Pg.Command(connection, null, ForeignTransactionsSql))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    foreign.Add(reader.GetInt64(0));
                }
            }

            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var horizon = (long)(await Pg.ScalarAsync(connection, transaction, HorizonSql, cancellationToken,
                ("foreign", foreign.ToArray()), ("positions", PostgresSchema.PositionsPerTransaction)))!;
            return (IChangeReader)new PostgresChangeReader(connection, transaction, horizon);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    });

    /// <inheritdoc />
    public Task<SyncUser?> FindUserAsync(string userId, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Pg.Command(connection, null,
            "SELECT u.role, m.facility_id FROM users u LEFT JOIN facility_memberships m ON m.user_id = u.id WHERE u.id = @id " +
            "ORDER BY m.facility_id", ("id", userId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? role = null;
        var facilities = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            role = reader.GetString(0);
            if (!reader.IsDBNull(1))
            {
                facilities.Add(reader.GetString(1));
            }
        }

        return role is not null && UserRoles.TryParse(role, out var parsed) ? new SyncUser(userId, parsed, facilities) : null;
    });

    /// <inheritdoc />
    public async Task SaveUserAsync(SyncUser user, CancellationToken cancellationToken)
    {
        await using var transaction = (PostgresSyncTransaction)await BeginAsync(cancellationToken);
        await transaction.SaveUserAsync(user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task AppendSyncOperationAsync(SyncOperationEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(PostgresLogRows.SyncOperation(entry), cancellationToken);

    /// <inheritdoc />
    public Task AppendQueueBatchAsync(QueueBatchEntry entry, CancellationToken cancellationToken) =>
        ExecuteAsync(PostgresLogRows.QueueBatch(entry), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private Task<int> ExecuteAsync(PostgresLogRows.Row row, CancellationToken cancellationToken) => PostgresErrors.GuardAsync(async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await Pg.ExecuteAsync(connection, null, row.Sql, cancellationToken, row.Parameters);
    });
}
