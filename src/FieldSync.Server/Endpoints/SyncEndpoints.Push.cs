using FieldSync.Core.Contracts;
using FieldSync.Core.Sync;
using FieldSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FieldSync.Server.Endpoints;

public static partial class SyncEndpoints
{
    /// <summary>Offline queue: applies the device's operations in order, each exactly once.</summary>
    internal static async Task<Ok<PushResponse>> PushAsync(
        PushRequest request, HttpContext context, PushService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.PushAsync(context.GetCaller(), request, cancellationToken));
}
