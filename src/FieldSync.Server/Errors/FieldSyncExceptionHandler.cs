using System.Text.Json;
using FieldSync.Core.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace FieldSync.Server.Errors;

/// <summary>The one place where domain and framework errors become problem responses: client mistakes are 4xx.</summary>
internal sealed class FieldSyncExceptionHandler(ILogger<FieldSyncExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail, errors) = Classify(exception);
        if (status >= 500)
        {
            ServerLog.Unhandled(logger, exception.GetType().Name, httpContext.Request.Path, exception);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        await ProblemWriter.WriteAsync(httpContext, status, code, detail, errors);
        return true;
    }

    private static (int Status, string Code, string Detail, IReadOnlyList<FieldError> Errors) Classify(Exception exception) => exception switch
    {
        SyncRequestException e => (Titles.StatusOf(e.Code), e.Code, e.Message, e.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, ErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts; send smaller batches.", []),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.", []),
        BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
        BadHttpRequestException e => (e.StatusCode, ErrorCodes.MalformedJson, "The request could not be read: " + Shorten(e.Message), []),
        StorageException { IsTransient: true } =>
            (503, ErrorCodes.StorageUnavailable, "The storage is busy or unreachable; try again in a few seconds.", []),
        _ => (500, "internal_error", "The server failed to handle the request; the failure is logged.", []),
    };

    // The JSON path names the field; the message never repeats the client's data.
    private static (int, string, string, IReadOnlyList<FieldError>) Malformed(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "$" : json.Path.TrimStart('$', '.');
        var message = json.Path is null
            ? "The body is not valid JSON."
            : $"The value of {field} is not valid JSON of the expected type.";
        return (400, ErrorCodes.MalformedJson, message, [new FieldError(field, "type", message)]);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];
}
