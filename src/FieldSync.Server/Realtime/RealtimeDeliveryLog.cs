using System.Threading.Channels;
using FieldSync.Core.Errors;
using FieldSync.Core.Realtime;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Realtime;

/// <summary>
/// Writes <c>realtime_notifications</c> rows in batches, off the committing path: the hub adds without waiting, a
/// background loop stores. When the storage cannot keep up the oldest rows are dropped, never the messages themselves.
/// </summary>
// The store is resolved when the loop starts: the store itself publishes to the hub that feeds this log.
public sealed class RealtimeDeliveryLog(IServiceProvider services, ILogger<RealtimeDeliveryLog> logger) : BackgroundService
{
    private readonly Channel<RealtimeDelivery> _pending = Channel.CreateBounded<RealtimeDelivery>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Queues a row for the log.</summary>
    public void Add(RealtimeDelivery delivery) => _pending.Writer.TryWrite(delivery);

    /// <summary>Rows stored in one transaction at most.</summary>
    public const int BatchSize = 4096;

    // Rows gather this long before a transaction stores them: a change sent to a thousand devices becomes one short write
    // instead of several, so the writers of changes seldom wait behind this log for the single SQLite writer.
    private static readonly TimeSpan _gather = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<ISyncStore>();
        var batch = new List<RealtimeDelivery>(BatchSize);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(_gather, stoppingToken);
                while (_pending.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
                    if (batch.Count == BatchSize)
                    {
                        await StoreAsync(store, batch, stoppingToken);
                        batch.Clear();
                    }
                }

                await StoreAsync(store, batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task StoreAsync(ISyncStore store, List<RealtimeDelivery> batch, CancellationToken stoppingToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendRealtimeDeliveriesAsync(batch, stoppingToken);
        }
        catch (StorageException e)
        {
            ServerLog.RealtimeLogLost(logger, batch.Count, e.Message);
        }
    }
}
