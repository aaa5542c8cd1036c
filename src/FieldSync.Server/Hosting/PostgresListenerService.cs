using FieldSync.Storage.Postgres;

namespace FieldSync.Server.Hosting;

/// <summary>Runs the PostgreSQL change listener for the life of the host.</summary>
internal sealed class PostgresListenerService(PostgresChangeListener listener) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(stoppingToken);
}
