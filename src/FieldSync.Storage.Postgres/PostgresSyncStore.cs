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
            var (transaction, horizon) = await ReadHorizon.OpenAsync(connection, cancellationToken);
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
