using FieldSync.Core.Contracts;
using FieldSync.Core.Realtime;
using FieldSync.Server.Auth;
using FieldSync.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FieldSync.Server.Endpoints;

/// <summary>Realtime: heartbeats, stored notifications, and live connections over SSE and WebSocket.</summary>
public static partial class RealtimeEndpoints
{
    /// <summary>Maps the realtime endpoints under <c>/v1/sync</c>.</summary>
    public static IEndpointRouteBuilder MapRealtimeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/sync").RequireAuthorization().WithTags("realtime");
        var limited = group.MapGroup("").RequireRateLimiting(FieldSyncServices.PerUserPolicy);
        limited.MapPost("/heartbeat", HeartbeatAsync).WithName("Heartbeat");
        limited.MapGet("/notifications", ListAsync).WithName("ListNotifications");
        limited.MapPost("/notifications/ack", AcknowledgeAsync).WithName("AcknowledgeNotifications");
        group.MapGet("/events", EventsAsync).WithName("Events");
        group.MapGet("/ws", WebSocketAsync).WithName("WebSocket");
        return app;
    }

    /// <summary>Registers or refreshes the device's session.</summary>
    internal static async Task<Ok<HeartbeatResponse>> HeartbeatAsync(
        HeartbeatRequest request, HttpContext context, RealtimeService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.HeartbeatAsync(context.GetCaller(), request, cancellationToken));

    /// <summary>Lists the device's notifications (only pending ones with <c>pending=true</c>).</summary>
    internal static async Task<Ok<NotificationList>> ListAsync(
        string? deviceId, bool? pending, HttpContext context, RealtimeService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationList(await service.ListAsync(context.GetCaller(), deviceId, pending ?? false, cancellationToken)));

    /// <summary>Marks notifications delivered.</summary>
    internal static async Task<Ok<AcknowledgeResponse>> AcknowledgeAsync(
        AcknowledgeRequest request, HttpContext context, RealtimeService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AcknowledgeResponse(await service.AcknowledgeAsync(context.GetCaller(), request, cancellationToken)));
}
