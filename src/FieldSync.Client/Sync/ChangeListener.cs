using System.Net.ServerSentEvents;
using Microsoft.Extensions.Logging;
using Polly;

namespace FieldSync.Client.Sync;

/// <summary>
/// Listens on <c>/v1/sync/events</c> (Server-Sent Events, bearer token in the header) and calls <c>onChange</c> for every
/// <c>change</c> notice, and after every reconnect (notices sent while the device was away are not replayed).
/// A connection silent for longer than <see cref="IdleTimeout"/> (the server pings every 15 s) is dropped and reopened.
/// </summary>
internal sealed class ChangeListener(SyncHttp http, ClientSettings settings, string deviceId, Action onChange, ILogger logger)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);
    private readonly ResiliencePipeline _reconnect = Backoff.Create(settings, int.MaxValue);

    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connections = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _reconnect.ExecuteAsync(async token => await ListenAsync(connections++ > 0, token), cancellationToken);
                // The stream ended after it was up: start again with a fresh backoff, after a pause so a server that
                // closes at once is not hammered.
                await Task.Delay(settings.RetryBaseDelay, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Not transient (a revoked token, a server without the endpoint, a garbled stream): try again much later.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                ClientLog.StreamEnded(logger, deviceId, e.Message);
                await Task.Delay(settings.RetryMaxDelay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(bool reconnect, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(IdleTimeout);
        using var response = await http.OpenEventsAsync(deviceId, settings.Collections, idle.Token);
        var connected = false;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(idle.Token);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(idle.Token))
            {
                idle.CancelAfter(IdleTimeout);
                if (item.EventType == "change" || (item.EventType == "ready" && reconnect))
                {
                    onChange();
                }

                connected = true;
            }

            ClientLog.StreamEnded(logger, deviceId, "closed by the server");
        }
        catch (Exception e) when (e is IOException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ClientLog.StreamEnded(logger, deviceId, e.Message);
            if (!connected)
            {
                throw SyncErrors.Network(e);
            }
        }
    }
}
