using System.Diagnostics;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// Opens the repeatable-read snapshot of a pull and finds its horizon, the highest position the pull may return and pass
/// (docs/postgresql.md, "Why a pull never skips a change"). A pull returns every change committed before it began: when
/// a transaction still running holds the horizon below changes the snapshot sees, the pull waits for that transaction
/// to end and reads from a fresh snapshot.
/// </summary>
internal static class ReadHorizon
{
    // Writers last milliseconds; a longer transaction (a batch job) only delays those changes to the next pull.
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(2);

    // Read before the snapshot: the transactions then running in other databases, which cannot write these tables.
    private const string ForeignTransactionsSql =
        "SELECT backend_xid::text::bigint FROM pg_stat_activity WHERE backend_xid IS NOT NULL " +
        "AND datname IS DISTINCT FROM current_database()";

    // The snapshot is taken by this first statement of the repeatable-read transaction. The horizon is the first
    // position of the oldest transaction still running in it that may belong to this database (those seen in another
    // database just before are passed over; one that got its id after that look has an id above those of all changes
    // committed before the pull began, so it can only delay later ones), or of xmax with none running; but no further
    // than the newest change the snapshot sees, so that a pull finding nothing new keeps its checkpoint. The second
    // column lists the running transactions that hold the horizon below a change the snapshot sees.
    private const string SnapshotSql =
        "WITH s AS (SELECT pg_current_snapshot() AS snap), " +
        "running AS (SELECT x::text::bigint AS x FROM s, pg_snapshot_xip(s.snap) AS x " +
        "WHERE NOT (x::text::bigint % 4294967296 = ANY(@foreign))), " +
        "newest AS (SELECT GREATEST((SELECT COALESCE(MAX(seq), 0) FROM documents), " +
        "(SELECT COALESCE(MAX(seq), 0) FROM document_exits)) AS seq) " +
        "SELECT LEAST(COALESCE((SELECT min(x) FROM running), (SELECT pg_snapshot_xmax(snap)::text::bigint FROM s)) " +
        "* @positions - 1, newest.seq), ARRAY(SELECT x FROM running WHERE x * @positions < newest.seq) FROM newest";

    private const string StillRunningSql =
        "SELECT count(*) FROM unnest(@ids) AS x WHERE pg_xact_status(x::text::xid8) = 'in progress'";

    /// <summary>The pull's snapshot (a repeatable-read transaction on <paramref name="connection"/>) and its horizon.</summary>
    public static async Task<(NpgsqlTransaction Transaction, long Horizon)> OpenAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var (transaction, horizon, holding) = await SnapshotAsync(connection, cancellationToken);
        if (holding.Length == 0)
        {
            return (transaction, horizon);
        }

        // Once they end, a fresh snapshot's horizon passes every change this one sees: a transaction still running then
        // with an older id would have been running now too, and so be one of them.
        await transaction.DisposeAsync();
        await WaitUntilEndedAsync(connection, holding, cancellationToken);
        (transaction, horizon, _) = await SnapshotAsync(connection, cancellationToken);
        return (transaction, horizon);
    }

    private static async Task<(NpgsqlTransaction Transaction, long Horizon, long[] Holding)> SnapshotAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Looked at after the snapshot, a transaction of another database that ended in between would pass for this
        // database's and hold the horizon below changes committed before the pull began.
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
        try
        {
            await using var command = Pg.Command(connection, transaction, SnapshotSql,
                ("foreign", foreign.ToArray()), ("positions", PostgresSchema.PositionsPerTransaction));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (transaction, reader.GetInt64(0), reader.GetFieldValue<long[]>(1));
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilEndedAsync(NpgsqlConnection connection, long[] ids, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < _patience)
        {
            var running = (long)(await Pg.ScalarAsync(connection, null, StillRunningSql, cancellationToken, ("ids", ids)))!;
            if (running == 0)
            {
                return;
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
