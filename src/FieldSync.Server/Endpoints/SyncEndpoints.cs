using FieldSync.Server.Hosting;

namespace FieldSync.Server.Endpoints;

/// <summary>The sync API under <c>/v1/sync</c>: pull, push and resolve, for authenticated users, rate limited per user.</summary>
public static partial class SyncEndpoints
{
    /// <summary>Maps the route group and its endpoints.</summary>
    public static IEndpointRouteBuilder MapSyncEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/sync").RequireAuthorization().RequireRateLimiting(FieldSyncServices.PerUserPolicy)
            .WithTags("sync");
        group.MapPost("/pull", PullAsync).WithName("Pull");
        group.MapPost("/push", PushAsync).WithName("Push");
        group.MapPost("/resolve", ResolveAsync).WithName("Resolve");
        return app;
    }
}
