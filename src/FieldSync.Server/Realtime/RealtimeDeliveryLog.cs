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

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var store = services.GetRequiredService<ISyncStore>();
        var batch = new List<RealtimeDelivery>(256);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 256 && _pending.Reader.TryRead(out var delivery))
                {
                    batch.Add(delivery);
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
