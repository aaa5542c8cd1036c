using FieldSync.Server.Appwrite;
using FieldSync.Server.Endpoints;

namespace FieldSync.Server.Hosting;

/// <summary>The middleware order and the endpoints of the API.</summary>
public static class FieldSyncPipeline
{
    /// <summary>Adds the middleware and maps every endpoint.</summary>
    public static WebApplication MapFieldSync(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseResponseCompression();
        app.UseAuthentication();
        app.UseAppwriteCompatibility();
        app.UseRateLimiter();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = Endpoints.RealtimeEndpoints.KeepAlive });
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealthChecks("/health");
        app.MapSyncEndpoints();
        app.MapValidateEndpoints();
        app.MapRealtimeEndpoints();
        app.MapStatusEndpoints();
        app.MapAppwriteEndpoints();
        return app;
    }
}
