using FieldSync.Core.Contracts;
using FieldSync.Core.Sync;
using FieldSync.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FieldSync.Server.Endpoints;

public static partial class SyncEndpoints
{
    /// <summary>Conflict resolution of one document by the collection's strategy.</summary>
    internal static async Task<Ok<ResolveResponse>> ResolveAsync(
        ResolveRequest request, HttpContext context, ResolveService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ResolveAsync(context.GetCaller(), request, cancellationToken));
}
