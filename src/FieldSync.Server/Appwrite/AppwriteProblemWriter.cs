namespace FieldSync.Server.Appwrite;

/// <summary>
/// Writes the problems the framework and the server make on the Appwrite-compatible paths (rate limit, body limit,
/// unknown route, failures) as Appwrite errors, so the SDKs throw an <c>AppwriteException</c> with a type.
/// Registered before the default writer.
/// </summary>
public sealed class AppwriteProblemWriter : IProblemDetailsWriter
{
    /// <inheritdoc />
    public bool CanWrite(ProblemDetailsContext context) => AppwritePaths.Matches(context.HttpContext.Request.Path);

    /// <inheritdoc />
    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var code = problem.Extensions.TryGetValue("code", out var c) ? c as string : null;
        var message = status == 500 ? "Server Error" : problem.Detail ?? problem.Title ?? "The request failed.";
        if (status is 404 or 405 && code is null or "not_found" or "method_not_allowed")
        {
            message = "Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version.";
        }

        return new ValueTask(AppwriteErrors.WriteAsync(context.HttpContext, status, AppwriteErrors.TypeOf(status), message));
    }
}
