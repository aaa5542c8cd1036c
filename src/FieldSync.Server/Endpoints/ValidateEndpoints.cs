using FieldSync.Core.Contracts;
using FieldSync.Core.Sync;
using FieldSync.Server.Auth;
using FieldSync.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FieldSync.Server.Endpoints;

/// <summary>Data validation under <c>/v1/validate</c>.</summary>
public static class ValidateEndpoints
{
    /// <summary>Maps the validate endpoint.</summary>
    public static IEndpointRouteBuilder MapValidateEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/validate", ValidateAsync).RequireAuthorization().RequireRateLimiting(FieldSyncServices.PerUserPolicy)
            .WithTags("validate").WithName("Validate");
        return app;
    }

    /// <summary>Validates documents against the collection's rules; in upsert mode writes the valid ones.</summary>
    internal static async Task<Ok<ValidateResponse>> ValidateAsync(
        ValidateRequest request, HttpContext context, ValidationService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ValidateAsync(context.GetCaller(), request, cancellationToken));
}
