using System.Globalization;
using FieldSync.Core.Errors;
using FieldSync.Core.Realtime;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>
/// Hears every committed change of the database through LISTEN/NOTIFY — from this instance, another instance, or
/// another tool writing the <c>documents</c> table — and hands the change's notification rows to this instance's
/// publisher. Reconnects after a lost connection.
/// </summary>
public sealed partial class PostgresChangeListener(PostgresSyncStore store, INotificationPublisher publisher,
    NotificationWindow window, TimeProvider clock, ILogger<PostgresChangeListener> logger)
{
    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or StorageException)
            {
                Lost(logger, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
        }
    }

    /// <summary>Completes once the listener is subscribed, so a caller can wait before relying on it.</summary>
    public Task Ready => _ready.Task;

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        var pending = new List<string>();
        connection.Notification += (_, e) => pending.Add(e.Payload);
        await Pg.ExecuteAsync(connection, null, "LISTEN fieldsync_changes", cancellationToken);
        _ready.TrySetResult();
        while (!cancellationToken.IsCancellationRequested)
        {
            await connection.WaitAsync(cancellationToken);
            var payloads = pending.ToList();
            pending.Clear();
            foreach (var payload in payloads)
            {
                await DeliverAsync(payload, cancellationToken);
            }
        }
    }

    private async Task DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        var foreign = payload.StartsWith("x:", StringComparison.Ordinal);
        if (!long.TryParse(foreign ? payload[2..] : payload, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return;
        }

        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        if (foreign)
        {
            await MakeRowsAsync(connection, sequence, cancellationToken);
        }

        await using var command = Pg.Command(connection, null, PostgresNotifications.SelectColumns +
            " FROM sync_notifications WHERE seq = @seq", ("seq", sequence));
        var rows = await PostgresNotifications.ReadAsync(command, cancellationToken);
        if (rows.Count > 0)
        {
            publisher.Publish(rows);
        }
    }

    // A change written by another tool has no notification rows yet; every instance may make them (idempotently).
    private async Task MakeRowsAsync(NpgsqlConnection connection, long sequence, CancellationToken cancellationToken)
    {
        await using var command = Pg.Command(connection, null,
            "SELECT collection, id, facility_id, version, deleted, created_at = updated_at FROM documents WHERE seq = @seq", ("seq", sequence));
        DocumentChange? change = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                var action = reader.GetBoolean(4) ? "delete" : reader.GetInt64(3) == 1 ? "create" : "update";
                change = new DocumentChange(reader.GetString(0), reader.GetString(1), reader.GetString(2), action, reader.GetInt64(3), sequence);
            }
        }

        if (change is not null && window.Notifies(change))
        {
            var now = clock.GetUtcNow();
            await Pg.ExecuteAsync(connection, null, PostgresNotifications.InsertForChange, cancellationToken,
                PostgresNotifications.Parameters(change, now, now.AddSeconds(-window.HeartbeatWindowSeconds)));
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Lost the PostgreSQL change listener ({Reason}); reconnecting")]
    private static partial void Lost(ILogger logger, string reason);
}
