using FieldSync.Storage.Postgres;

namespace FieldSync.Server.Hosting;

/// <summary>
/// Runs the PostgreSQL change listener for the life of the host. Start waits until it listens (hosted services start
/// before the server takes requests), so a change committed by the first request already reaches live connections.
/// </summary>
internal sealed class PostgresListenerService(PostgresChangeListener listener, ILogger<PostgresListenerService> logger)
    : BackgroundService
{
    private static readonly TimeSpan _startWait = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        try
        {
            await listener.Ready.WaitAsync(_startWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The listener keeps reconnecting; live notices start once it listens, and devices pull meanwhile.
            ServerLog.ListenerNotReady(logger, (int)_startWait.TotalSeconds);
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(stoppingToken);
}
