using FieldSync.Core.Contracts;
using FieldSync.Core.Status;
using FieldSync.Server.Auth;
using FieldSync.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FieldSync.Server.Endpoints;

/// <summary>The sync status monitor at <c>GET /v1/sync/status</c>.</summary>
public static class StatusEndpoints
{
    /// <summary>Maps the status endpoint.</summary>
    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/sync/status", GetAsync).RequireAuthorization().RequireRateLimiting(FieldSyncServices.PerUserPolicy)
            .WithTags("status").WithName("Status");
        return app;
    }

    /// <summary>The health of sync over the last <c>sinceMinutes</c>, filtered by device, user and facility within the caller's scope.</summary>
    internal static async Task<Ok<SyncStatusReport>> GetAsync(int? sinceMinutes, string? deviceId, string? userId, string? facilityId,
        HttpContext context, StatusService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(context.GetCaller(),
            new StatusQuery(sinceMinutes, Blank(deviceId), Blank(userId), Blank(facilityId)), cancellationToken));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
