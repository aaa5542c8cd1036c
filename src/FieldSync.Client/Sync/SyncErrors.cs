using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FieldSync.Client.Wire;

namespace FieldSync.Client.Sync;

/// <summary>Turns network, HTTP and local database failures into <see cref="FieldSyncException"/>, deciding what is transient.</summary>
internal static class SyncErrors
{
    public static FieldSyncException Network(Exception cause) =>
        new($"The server could not be reached: {cause.Message}", isTransient: true, statusCode: null, "network", cause);

    public static FieldSyncException Timeout(TimeSpan timeout, Exception cause) =>
        new($"The server did not answer within {timeout.TotalSeconds:0.#} s.", isTransient: true, statusCode: null, "timeout", cause);

    public static FieldSyncException BadResponse(string what, Exception? cause = null) =>
        // A captive portal or proxy answering for the server looks like this too: worth another try later.
        new($"The server's answer was not what the API promises: {what}", isTransient: true, statusCode: null, "bad_response", cause);

    public static FieldSyncException OperationsFailed(string reason) =>
        new($"The server could not store some operations; they stay queued and are sent again: {reason}",
            isTransient: true, statusCode: null, "operations_failed");

    public static FieldSyncException LocalStore(Exception cause, bool transient) =>
        new($"The local database failed: {cause.Message}", transient, statusCode: null, "local_store", cause);

    /// <summary>Reads the problem details of a refused request.</summary>
    public static async Task<FieldSyncException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemBody? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(WireJson.Default.ProblemBody, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException or IOException)
        {
            // Not a problem document (a proxy's page, a cut body): the status alone must do.
        }

        var status = response.StatusCode;
        var transient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
        var detail = problem?.Detail ?? problem?.Title ?? response.ReasonPhrase ?? "no detail";
        return new FieldSyncException($"The server answered {(int)status}: {detail}", transient, status, problem?.Code ?? CodeOf(status))
        {
            RetryAfter = RetryAfterOf(response),
        };
    }

    private static string CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "unauthorized",
        HttpStatusCode.TooManyRequests => "rate_limited",
        _ => "http_" + (int)status,
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
