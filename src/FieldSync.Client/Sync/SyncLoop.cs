using System.Threading.Channels;
using FieldSync.Client.Wire;
using Microsoft.Extensions.Logging;
using Polly;

namespace FieldSync.Client.Sync;

/// <summary>
/// Background sync: a pass on start, on every interval, on a change notice and when connectivity returns; transient
/// failures are retried with exponential backoff and jitter until they clear, and a trigger during a backoff wait starts
/// the next attempt at once. Heartbeats keep the device's session active so the server sends it notices.
/// </summary>
internal sealed class SyncLoop
{
    private readonly SyncEngine _engine;
    private readonly SyncHttp _http;
    private readonly ClientSettings _settings;
    private readonly SyncEvents _events;
    private readonly ILogger _logger;
    private readonly string _deviceId;
    private readonly ResiliencePipeline _retry;
    private readonly Channel<bool> _triggers = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CancellationTokenSource? _wake;
    private volatile bool _backingOff;

    public SyncLoop(SyncEngine engine, SyncHttp http, ClientSettings settings, SyncEvents events, string deviceId, ILogger logger)
    {
        (_engine, _http, _settings, _events, _deviceId, _logger) = (engine, http, settings, events, deviceId, logger);
        _retry = Backoff.Create(settings, int.MaxValue, args =>
        {
            _backingOff = true;
            if (args.Outcome.Exception is FieldSyncException error)
            {
                _events.RaiseFailed(new SyncFailedEventArgs { Error = error, RetryIn = args.RetryDelay });
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Asks for a pass after the current one (a local write: it waits out a backoff, so offline edits cost no requests).</summary>
    public void Nudge() => _triggers.Writer.TryWrite(true);

    /// <summary>Asks for a pass soon; during a backoff wait, at once (a change notice, connectivity back).</summary>
    public void Trigger()
    {
        _triggers.Writer.TryWrite(true);
        if (_backingOff)
        {
            try
            {
                _wake?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The wait it would end is over already.
            }
        }
    }

    /// <summary>Runs the loop, the heartbeats and (when enabled) the change listener until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        Trigger();
        var tasks = new List<Task> { Task.Run(() => SyncForeverAsync(cancellationToken), CancellationToken.None),
            Task.Run(() => HeartbeatForeverAsync(cancellationToken), CancellationToken.None) };
        if (_settings.ListenForChanges)
        {
            var listener = new ChangeListener(_http, _settings, _deviceId, Trigger, _logger);
            tasks.Add(Task.Run(() => listener.RunAsync(cancellationToken), CancellationToken.None));
        }

        return Task.WhenAll(tasks);
    }

    private async Task SyncForeverAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WaitForTriggerAsync(cancellationToken);
                await SyncUntilDoneAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForTriggerAsync(CancellationToken cancellationToken)
    {
        using var interval = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        interval.CancelAfter(_settings.SyncInterval);
        try
        {
            await _triggers.Reader.ReadAsync(interval.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The interval passed: time for a pass anyway.
        }
    }

    private async Task SyncUntilDoneAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _wake = wake;
            try
            {
                await _retry.ExecuteAsync(async token =>
                {
                    _backingOff = false;
                    _triggers.Reader.TryRead(out _);
                    await _engine.RunAsync(new SyncTally(), token);
                }, wake.Token);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Woken during a backoff wait (or just as an attempt began, which then stopped at a stored step):
                // try again now, with a fresh backoff.
            }
            catch (FieldSyncException e)
            {
                Report(e);
                return;
            }
#pragma warning disable CA1031 // The loop outlives any one failure; the next trigger or interval tries again.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Report(new FieldSyncException("The background sync failed unexpectedly: " + e.Message, e));
                return;
            }
            finally
            {
                _wake = null;
                _backingOff = false;
            }
        }
    }

    private void Report(FieldSyncException error)
    {
        ClientLog.AttemptFailed(_logger, _deviceId, error.Code, error.IsTransient, error.Message);
        _events.RaiseFailed(new SyncFailedEventArgs { Error = error });
    }

    private async Task HeartbeatForeverAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.HeartbeatInterval);
        do
        {
            try
            {
                await _http.HeartbeatAsync(new HeartbeatBody(_deviceId, _settings.Collections), cancellationToken);
            }
            catch (FieldSyncException e)
            {
                ClientLog.HeartbeatFailed(_logger, _deviceId, e.Message);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
