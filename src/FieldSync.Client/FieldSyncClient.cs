using FieldSync.Client.Storage;
using FieldSync.Client.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace FieldSync.Client;

/// <summary>
/// An offline-first FieldSync client: documents live in a local SQLite file, every write is queued in an outbox, and
/// <see cref="SyncAsync"/> (or the background loop of <see cref="Start"/>) pushes the outbox and pulls what changed.
/// Safe to use from several threads; dispose it to close the file.
/// </summary>
public sealed class FieldSyncClient : IAsyncDisposable
{
    private readonly ClientSettings _settings;
    private readonly LocalStore _store;
    private readonly SyncHttp _http;
    private readonly SyncEvents _events;
    private readonly SyncEngine _engine;
    private readonly SyncLoop _loop;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _startLock = new();
    private CancellationTokenSource? _running;
    private Task? _background;
    private int _disposed;

    /// <summary>Opens (or creates) the local file and prepares the client. Nothing goes over the network until a sync.</summary>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    /// <exception cref="InvalidOperationException">The file belongs to another device id, or to a newer SDK.</exception>
    /// <exception cref="FieldSyncException">The file cannot be opened.</exception>
    public FieldSyncClient(FieldSyncClientOptions options)
    {
        _settings = ClientSettings.From(options);
        var logger = _settings.LoggerFactory?.CreateLogger<FieldSyncClient>() ?? (ILogger)NullLogger.Instance;
        _store = LocalStore.Open(_settings.DatabasePath, _settings.DeviceId);
        var connectivity = new Connectivity();
        _http = new SyncHttp(_settings, new TokenSource(_settings.TokenProvider), connectivity);
        _events = new SyncEvents(this, logger);
        _engine = new SyncEngine(_store, _http, _events, _settings, logger);
        _loop = new SyncLoop(_engine, _http, _settings, _events, _store.DeviceId, logger);
        _retry = Backoff.Create(_settings, _settings.MaxRetryAttempts);
        connectivity.Restored += _loop.Trigger;
    }

    /// <summary>This device's id: the configured one, or the one stored in (or made for) the local file.</summary>
    public string DeviceId => _store.DeviceId;

    /// <summary>Whether the background loop runs.</summary>
    public bool IsRunning => Volatile.Read(ref _background) is { IsCompleted: false };

    /// <summary>An update met a newer server version and the collection's strategy settled it; the local copy is the result.</summary>
    public event EventHandler<ConflictEventArgs>? Conflict { add => _events.Conflict += value; remove => _events.Conflict -= value; }

    /// <summary>The server refused a change for good; the document is back at the server's version.</summary>
    public event EventHandler<RejectedEventArgs>? Rejected { add => _events.Rejected += value; remove => _events.Rejected -= value; }

    /// <summary>A push batch or pull page was stored, or a pass completed; the counts are running totals of the pass.</summary>
    public event EventHandler<SyncProgressEventArgs>? Progress { add => _events.Progress += value; remove => _events.Progress -= value; }

    /// <summary>A background sync attempt failed (and when it will try again).</summary>
    public event EventHandler<SyncFailedEventArgs>? SyncFailed { add => _events.Failed += value; remove => _events.Failed -= value; }

    /// <summary>The local collection <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a collection name, or not one of <see cref="FieldSyncClientOptions.Collections"/>.</exception>
    public SyncCollection Collection(string name)
    {
        if (!ClientSettings.IsId(name) || (_settings.Collections is { } named && !named.Contains(name)))
        {
            throw new ArgumentException($"'{name}' is not a collection this client syncs.", nameof(name));
        }

        return new SyncCollection(name, _store, TimeProvider.System, _loop.Nudge);
    }

    /// <summary>
    /// Pushes the outbox in order, then pulls every collection until the server has no more. Transient failures are
    /// retried (<see cref="FieldSyncClientOptions.MaxRetryAttempts"/>) with exponential backoff and jitter; each retry goes on
    /// from the last stored step. Waits for a pass of the background loop that is running.
    /// </summary>
    /// <returns>What moved, over all attempts.</returns>
    /// <exception cref="FieldSyncException">The sync could not complete; <see cref="FieldSyncException.IsTransient"/> says if later may work.</exception>
    /// <exception cref="OperationCanceledException">Cancelled, or the client was disposed.</exception>
    public async Task<SyncResult> SyncAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var tally = new SyncTally();
        await _retry.ExecuteAsync(async token => await _engine.RunAsync(tally, token), linked.Token);
        return tally.ToResult();
    }

    /// <summary>
    /// Starts background sync: a pass now, then on every <see cref="FieldSyncClientOptions.SyncInterval"/>, when a change
    /// notice arrives, when the server answers again after failures, and after local writes; heartbeats every
    /// <see cref="FieldSyncClientOptions.HeartbeatInterval"/>. Does nothing when already running.
    /// </summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_startLock)
        {
            if (IsRunning)
            {
                return;
            }

            _running?.Dispose();
            _running = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
            Volatile.Write(ref _background, _loop.RunAsync(_running.Token));
        }
    }

    /// <summary>Stops background sync, waiting for a pass in progress to stop at its next step (its stored steps stay).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task? background;
        lock (_startLock)
        {
            background = _background;
            _running?.Cancel();
        }

        if (background is not null)
        {
            await background.WaitAsync(cancellationToken);
        }
    }

    /// <summary>How many local changes wait in the outbox.</summary>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public Task<int> GetPendingCountAsync(CancellationToken cancellationToken = default) => _store.PendingCountAsync(cancellationToken);

    /// <summary>The changes the server refused for good, oldest first, kept until dismissed.</summary>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public Task<IReadOnlyList<RejectedOperation>> GetRejectedAsync(CancellationToken cancellationToken = default) =>
        _store.RejectedAsync(cancellationToken);

    /// <summary>Removes a rejected change from the list once the user has seen it.</summary>
    /// <returns>False when no such rejected change is kept.</returns>
    /// <exception cref="FieldSyncException">The local database failed.</exception>
    public Task<bool> DismissRejectedAsync(string opId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(opId);
        return _store.DismissRejectedAsync(opId, cancellationToken);
    }

    /// <summary>Stops background sync, cancels a sync in progress (what it stored stays) and closes the local file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _lifetime.CancelAsync();
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopping was the point.
        }

        await _engine.CloseAsync();
        await _store.DisposeAsync();
        _http.Dispose();
        _running?.Dispose();
        _lifetime.Dispose();
    }
}
