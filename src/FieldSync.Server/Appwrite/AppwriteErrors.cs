using System.Text.Json;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// Appwrite's error body <c>{message, code, type, version}</c>: the SDKs take the HTTP status as <c>code</c> and throw an
/// <c>AppwriteException</c> with the body's <c>type</c>, so the type strings are Appwrite's own.
/// </summary>
public static class AppwriteErrors
{
    /// <summary>The Appwrite server version whose API this endpoint speaks.</summary>
    public const string Version = "1.9.6";

    /// <summary>A parameter of the request is not valid.</summary>
    public const string ArgumentInvalid = "general_argument_invalid";
    /// <summary>The request as a whole cannot be served.</summary>
    public const string BadRequest = "general_bad_request";
    /// <summary>No credential, or one that does not allow the call.</summary>
    public const string UserUnauthorized = "user_unauthorized";
    /// <summary>The <c>X-Appwrite-JWT</c> (or session) is not a valid FieldSync token of a known user.</summary>
    public const string JwtInvalid = "user_jwt_invalid";
    /// <summary>The <c>X-Appwrite-Project</c> is not this server's project.</summary>
    public const string ProjectNotFound = "project_not_found";
    /// <summary>No such route.</summary>
    public const string RouteNotFound = "general_route_not_found";
    /// <summary>No function with that id.</summary>
    public const string FunctionNotFound = "function_not_found";
    /// <summary>No execution with that id (for this caller and function).</summary>
    public const string ExecutionNotFound = "execution_not_found";
    /// <summary>A list query is not valid.</summary>
    public const string QueryInvalid = "general_query_invalid";
    /// <summary>A synchronous execution ran out of time.</summary>
    public const string SynchronousTimeout = "function_synchronous_timeout";
    /// <summary>Too many requests.</summary>
    public const string RateLimitExceeded = "general_rate_limit_exceeded";
    /// <summary>Anything else.</summary>
    public const string Unknown = "general_unknown";

    /// <summary>Writes the error as the response, with Appwrite's no-cache headers.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string type, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
        response.Headers.Expires = "0";
        response.Headers.Pragma = "no-cache";
        await response.WriteAsync(Body(status, type, message), context.RequestAborted);
    }

    /// <summary>The JSON text of an error.</summary>
    public static string Body(int status, string type, string message) =>
        JsonSerializer.Serialize(new AppwriteErrorBody(message, status, type, Version));

    /// <summary>The error as a minimal-API result.</summary>
    public static IResult Result(int status, string type, string message) => new ErrorResult(status, type, message);

    /// <summary>The Appwrite type of a status the framework or the native API answered.</summary>
    public static string TypeOf(int status) => status switch
    {
        429 => RateLimitExceeded,
        401 => UserUnauthorized,
        404 or 405 => RouteNotFound,
        >= 500 => Unknown,
        _ => ArgumentInvalid,
    };

    private sealed record AppwriteErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] int Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("version")] string Version);

    private sealed class ErrorResult(int status, string type, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, type, message);
    }
}
