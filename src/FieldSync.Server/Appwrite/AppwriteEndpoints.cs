using FieldSync.Server.Hosting;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// The Appwrite-compatible endpoint: function executions under <c>/v1/functions</c> and Appwrite Realtime at
/// <c>/v1/realtime</c>, so front ends written with the Appwrite SDKs only change their endpoint.
/// </summary>
public static partial class AppwriteEndpoints
{
    /// <summary>Maps the executions API and the realtime socket.</summary>
    public static IEndpointRouteBuilder MapAppwriteEndpoints(this IEndpointRouteBuilder app)
    {
        var executions = app.MapGroup("/v1/functions/{functionId}/executions").RequireAuthorization(AppwriteAuthentication.Policy)
            .RequireRateLimiting(FieldSyncServices.PerUserPolicy).WithTags("appwrite");
        executions.MapPost("", CreateExecutionAsync).WithName("AppwriteCreateExecution");
        executions.MapGet("", ListExecutionsAsync).WithName("AppwriteListExecutions");
        executions.MapGet("/{executionId}", GetExecutionAsync).WithName("AppwriteGetExecution");
        // Authentication is optional at connect: the web SDK may authenticate with a message once connected.
        app.MapGet("/v1/realtime", AppwriteRealtime.ConnectAsync).WithTags("appwrite").WithName("AppwriteRealtime");
        return app;
    }
}
