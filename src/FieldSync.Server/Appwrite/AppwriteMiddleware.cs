using Microsoft.AspNetCore.Authentication;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// In front of the Appwrite-compatible endpoints: CORS (answering preflights), the project check, and the caller, found
/// before the rate limiter so that limits count per user as on the native API.
/// </summary>
public sealed class AppwriteMiddleware(RequestDelegate next, AppwriteOptions options)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!AppwritePaths.Matches(context.Request.Path))
        {
            await next(context);
            return;
        }

        AppwriteCors.Apply(context);
        if (AppwriteCors.IsPreflight(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        // Realtime reports a wrong project on the socket, as Appwrite does, so that the SDK does not reconnect.
        if (!context.Request.Path.StartsWithSegments(AppwritePaths.Realtime, StringComparison.Ordinal)
            && context.Request.Headers["X-Appwrite-Project"] is var project && project != options.ProjectId)
        {
            await AppwriteErrors.WriteAsync(context, StatusCodes.Status404NotFound, AppwriteErrors.ProjectNotFound,
                $"Project with the requested ID could not be found. Set the SDK's project to '{options.ProjectId}' " +
                "(client.setProject), the project id of this FieldSync server.");
            return;
        }

        var result = await context.AuthenticateAsync(AppwriteAuthentication.SchemeName);
        if (result.Succeeded)
        {
            context.User = result.Principal;
        }

        await next(context);
    }
}
