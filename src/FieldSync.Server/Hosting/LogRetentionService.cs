using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Hosting;

/// <summary>Removes log rows older than <c>retention.logRetentionDays</c>, at start and then every hour.</summary>
internal sealed class LogRetentionService(ISyncStore store, SyncConfiguration configuration, TimeProvider clock,
    ILogger<LogRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var cutoff = clock.GetUtcNow().AddDays(-configuration.Retention.LogRetentionDays);
            try
            {
                var removed = await store.PruneLogsAsync(cutoff, stoppingToken);
                if (removed > 0)
                {
                    ServerLog.LogsPruned(logger, removed, cutoff);
                }
            }
            catch (StorageException e)
            {
                ServerLog.PruneFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
