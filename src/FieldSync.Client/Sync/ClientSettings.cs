using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace FieldSync.Client.Sync;

/// <summary>A checked, unchangeable copy of the options, taken when the client is made.</summary>
internal sealed partial record ClientSettings(
    Uri ServerUrl, string DatabasePath, string? DeviceId, Func<CancellationToken, ValueTask<string>> TokenProvider,
    IReadOnlyList<string>? Collections, int BatchSize, int PageLimit, TimeSpan SyncInterval, TimeSpan HeartbeatInterval,
    bool ListenForChanges, TimeSpan RequestTimeout, int MaxRetryAttempts, TimeSpan RetryBaseDelay, TimeSpan RetryMaxDelay,
    HttpMessageHandler? Handler, ILoggerFactory? LoggerFactory, Func<string, string> FacilityFieldOf)
{
    /// <summary>Checks the options the way the server checks ids, so a mistake shows at once instead of at the first sync.</summary>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public static ClientSettings From(FieldSyncClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.ServerUrl ?? throw new ArgumentException("ServerUrl is required.", nameof(options));
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("ServerUrl must be an absolute http or https address.", nameof(options));
        }

        if (options.DeviceId is { } device && !IsId(device))
        {
            throw new ArgumentException("DeviceId must be 1 to 128 letters, digits or . _ : - characters.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new ArgumentException("DatabasePath is required.", nameof(options));
        }

        var collections = options.Collections?.Distinct(StringComparer.Ordinal).ToArray();
        if (collections is { Length: 0 } || collections?.Any(c => !IsId(c)) == true)
        {
            throw new ArgumentException("Collections must be null (all synced collections) or a list of collection names.", nameof(options));
        }

        Positive(options.BatchSize, nameof(options.BatchSize));
        Positive(options.PageLimit, nameof(options.PageLimit));
        Positive(options.SyncInterval, nameof(options.SyncInterval));
        Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(options.RequestTimeout, nameof(options.RequestTimeout));
        Positive(options.RetryBaseDelay, nameof(options.RetryBaseDelay));
        Positive(options.RetryMaxDelay, nameof(options.RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetryAttempts, nameof(options.MaxRetryAttempts));
        return new ClientSettings(new Uri(url.AbsoluteUri.TrimEnd('/') + "/"), options.DatabasePath, options.DeviceId, TokenProviderOf(options),
            collections, options.BatchSize, options.PageLimit, options.SyncInterval, options.HeartbeatInterval, options.ListenForChanges,
            options.RequestTimeout, options.MaxRetryAttempts, options.RetryBaseDelay, options.RetryMaxDelay, options.HttpMessageHandler,
            options.LoggerFactory, FacilityFieldsOf(options));
    }

    /// <summary>Whether <paramref name="id"/> is an id the server accepts: 1 to 128 letters, digits or <c>. _ : -</c>.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 128 } && IdPattern().IsMatch(id);

    private static Func<CancellationToken, ValueTask<string>> TokenProviderOf(FieldSyncClientOptions options)
    {
        if (options.AccessTokenProvider is { } provider)
        {
            return options.AccessToken is null
                ? provider
                : throw new ArgumentException("Set AccessToken or AccessTokenProvider, not both.", nameof(options));
        }

        var token = options.AccessToken ?? throw new ArgumentException("AccessToken or AccessTokenProvider is required.", nameof(options));
        return _ => ValueTask.FromResult(token());
    }

    private static Func<string, string> FacilityFieldsOf(FieldSyncClientOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FacilityField, nameof(options.FacilityField));
        var fields = new Dictionary<string, string>(options.FacilityFields ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var fallback = options.FacilityField;
        return collection => fields.GetValueOrDefault(collection, fallback);
    }

    private static void Positive(int value, string name) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex IdPattern();
}
