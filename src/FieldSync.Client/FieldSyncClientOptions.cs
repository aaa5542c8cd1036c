using Microsoft.Extensions.Logging;

namespace FieldSync.Client;

/// <summary>Settings of a <see cref="FieldSyncClient"/>. Only <see cref="ServerUrl"/> and a token are required.</summary>
public sealed class FieldSyncClientOptions
{
    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:5080</c>. Required.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>
    /// This device's id (1 to 128 letters, digits or <c>. _ : -</c>). Default: the id stored in the database file, or a
    /// new one made and stored on first use. The server deduplicates operations per device, so a file keeps its id: opening
    /// it with another id throws.
    /// </summary>
    public string? DeviceId { get; set; }

    /// <summary>The local SQLite file; created when missing. Default <c>fieldsync-local.db</c> in the working directory.</summary>
    public string DatabasePath { get; set; } = "fieldsync-local.db";

    /// <summary>Gives the bearer token. Called on first use and again after a 401. Set this or <see cref="AccessTokenProvider"/>.</summary>
    public Func<string>? AccessToken { get; set; }

    /// <summary>Gives the bearer token asynchronously (for a sign-in flow). Called on first use and again after a 401.</summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// The collections to keep on the device, each pulled with its own checkpoint. Default null: every collection the
    /// server syncs, under one checkpoint; naming them is better when the server may add collections later.
    /// </summary>
    public IReadOnlyList<string>? Collections { get; set; }

    /// <summary>
    /// The field that names a document's facility, as the server's configuration has it (its default is
    /// <c>facility_id</c>). When the user leaves a facility, the documents of that facility are dropped from the device.
    /// </summary>
    public string FacilityField { get; set; } = "facility_id";

    /// <summary>Per-collection exceptions to <see cref="FacilityField"/>, by collection name. Default none.</summary>
    public IReadOnlyDictionary<string, string>? FacilityFields { get; set; }

    /// <summary>Operations per push request. Default 100; halved automatically if the server says a batch is too large.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Documents per pull page; each page is stored with its checkpoint in one local transaction. Default 500.</summary>
    public int PageLimit { get; set; } = 500;

    /// <summary>How often the background loop syncs when nothing else triggers it. Default 5 minutes.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the background loop sends a heartbeat, keeping the session active for notices. Default 1 minute.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether the background loop listens on <c>/v1/sync/events</c> and syncs when a change notice arrives. Default true.</summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>How long one request may take before it counts as a transient failure. Default 100 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often <see cref="FieldSyncClient.SyncAsync"/> retries a transient failure before it throws. Default 3; 0 never retries.
    /// The background loop retries without limit.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter. Default 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay, also the cap on a server's <c>Retry-After</c>. Default 5 minutes.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The handler that sends requests (for tests, proxies or certificate pinning); not disposed by the client.
    /// Default: a handler with brotli/gzip decompression.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Where the SDK logs (never document data above Debug). Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
