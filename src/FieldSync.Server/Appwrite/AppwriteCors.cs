using Microsoft.Extensions.Primitives;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// CORS for the web SDK, as Appwrite answers it: the exact request origin with credentials allowed, Appwrite's lists of
/// methods and headers. Set when the response starts, so errors carry it too (the browser would hide them otherwise).
/// Any origin is allowed: FieldSync never authenticates by cookie, so a page of another origin gains nothing it could
/// not do itself without a token.
/// </summary>
public static class AppwriteCors
{
    private const string Methods = "GET, POST, PUT, PATCH, DELETE";
    private const string AllowedHeaders = "Accept, Origin, Cookie, Set-Cookie, Content-Type, Content-Range, X-Appwrite-Project, " +
        "X-Appwrite-Key, X-Appwrite-Dev-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Organization, " +
        "X-Appwrite-Response-Format, X-Appwrite-Timeout, X-Appwrite-ID, X-Appwrite-Timestamp, X-Appwrite-Session, X-Appwrite-Platform, " +
        "X-Appwrite-Impersonate-User-Id, X-Appwrite-Impersonate-User-Email, X-Appwrite-Impersonate-User-Phone, X-SDK-Version, " +
        "X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-SDK-Profile, Range, Cache-Control, Expires, Pragma, " +
        "X-Fallback-Cookies, X-Requested-With, X-Forwarded-For, X-Forwarded-User-Agent";

    /// <summary>Adds the CORS headers to the response of a request that names an origin.</summary>
    public static void Apply(HttpContext context)
    {
        if (context.Request.Headers.Origin is not [{ Length: > 0 } origin])
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowCredentials = "true";
            headers.AccessControlAllowMethods = Methods;
            headers.AccessControlAllowHeaders = AllowedHeaders;
            headers.AccessControlExposeHeaders = "X-Appwrite-Session, X-Fallback-Cookies";
            headers.AccessControlMaxAge = "86400";
            headers.Vary = StringValues.Concat(headers.Vary, "Origin");
            return Task.CompletedTask;
        });
    }

    /// <summary>Whether the request is a CORS preflight.</summary>
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");
}
