using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FieldSync.Client.Wire;

namespace FieldSync.Client.Sync;

/// <summary>
/// The HTTP side of the client: bearer token (asked again once after a 401), a timeout per request, and every failure
/// turned into a <see cref="FieldSyncException"/> that says whether a retry can help.
/// </summary>
internal sealed class SyncHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly TokenSource _tokens;
    private readonly Connectivity _connectivity;
    private readonly TimeSpan _timeout;

    public SyncHttp(ClientSettings settings, TokenSource tokens, Connectivity connectivity)
    {
        var handler = settings.Handler ?? new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler, disposeHandler: settings.Handler is null)
        {
            BaseAddress = settings.ServerUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        (_tokens, _connectivity, _timeout) = (tokens, connectivity, settings.RequestTimeout);
    }

    /// <summary>Pulls one page. Its documents keep the JSON text the server sent (<see cref="PullPageReader"/>).</summary>
    public async Task<PullResponseBody> PullAsync(PullRequestBody body, CancellationToken cancellationToken)
    {
        const string Path = "v1/sync/pull";
        var started = Stopwatch.GetTimestamp();
        using var response = await SendAsync(() => Post(Path, body, WireJson.Default.PullRequestBody),
            HttpCompletionOption.ResponseHeadersRead, _timeout, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is not { } type
            || !(type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            throw SyncErrors.BadResponse($"{Path} answered with {response.Content.Headers.ContentType}, not JSON.");
        }

        var left = _timeout == Timeout.InfiniteTimeSpan ? _timeout : _timeout - Stopwatch.GetElapsedTime(started);
        var bytes = await ReadBodyAsync(response, left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
        try
        {
            return PullPageReader.Read(bytes);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            bytes.Dispose();
            throw SyncErrors.BadResponse($"{Path} answered with JSON that does not fit: {e.Message}", e);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    // A page is read straight from the connection into a pooled array (no buffer of HttpClient's own, grown and copied per
    // page), within what is left of the request's timeout; a failure on the way is a network failure like any other.
    private async Task<PooledBytes> ReadBodyAsync(HttpResponseMessage response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            return await PooledBytes.ReadAsync(stream, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            _connectivity.Failed();
            throw SyncErrors.Network(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            _connectivity.Failed();
            throw SyncErrors.Timeout(_timeout, e);
        }
    }

    public Task<PushResponseBody> PushAsync(PushRequestBody body, CancellationToken cancellationToken) =>
        PostAsync("v1/sync/push", body, WireJson.Default.PushRequestBody, WireJson.Default.PushResponseBody, cancellationToken);

    public async Task HeartbeatAsync(HeartbeatBody body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Post("v1/sync/heartbeat", body, WireJson.Default.HeartbeatBody),
            HttpCompletionOption.ResponseContentRead, _timeout, cancellationToken);
    }

    /// <summary>Opens the Server-Sent Events stream; the caller reads and disposes the response.</summary>
    public Task<HttpResponseMessage> OpenEventsAsync(string deviceId, IReadOnlyList<string>? collections, CancellationToken cancellationToken)
    {
        var query = "v1/sync/events?deviceId=" + Uri.EscapeDataString(deviceId)
            + (collections is null ? "" : "&collections=" + Uri.EscapeDataString(string.Join(',', collections)));
        return SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, query);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            return request;
        }, HttpCompletionOption.ResponseHeadersRead, _timeout, cancellationToken);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Post(path, body, requestType), HttpCompletionOption.ResponseContentRead, _timeout,
            cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(responseType, cancellationToken)
                ?? throw SyncErrors.BadResponse($"empty body from {path}.");
        }
        catch (JsonException e)
        {
            throw SyncErrors.BadResponse($"{path} answered with JSON that does not fit: {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            throw SyncErrors.BadResponse($"{path} answered with {response.Content.Headers.ContentType}, not JSON.", e);
        }
    }

    private static HttpRequestMessage Post<T>(string path, T body, JsonTypeInfo<T> type) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body, type) };

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> makeRequest, HttpCompletionOption completion,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        for (var refreshed = false; ; refreshed = true)
        {
            var token = await _tokens.GetAsync(refreshed, cancellationToken);
            using var request = makeRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await SendOnceAsync(request, completion, timeout, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshed)
            {
                response.Dispose();
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                _connectivity.Succeeded();
                return response;
            }

            using (response)
            {
                var error = await SyncErrors.FromResponseAsync(response, cancellationToken);
                if (error.IsTransient) { _connectivity.Failed(); } else { _connectivity.Succeeded(); }
                throw error;
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, completion, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            _connectivity.Failed();
            throw SyncErrors.Network(e);
        }
        catch (IOException e)
        {
            _connectivity.Failed();
            throw SyncErrors.Network(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            _connectivity.Failed();
            throw SyncErrors.Timeout(timeout, e);
        }
    }

    public void Dispose() => _http.Dispose();
}
