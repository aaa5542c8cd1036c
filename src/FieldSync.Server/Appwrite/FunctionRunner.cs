using System.Text;
using System.Text.Json;
using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Status;
using FieldSync.Core.Sync;
using FieldSync.Server.Endpoints;
using FieldSync.Server.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// Runs a function: parses the original payload from the execution's body with the native API's JSON settings, calls the
/// same Core service as the native endpoint, and answers what that endpoint would have answered — its JSON on success,
/// its problem details for a refused request.
/// </summary>
public sealed class FunctionRunner(
    PullService pull, PushService push, ResolveService resolve, ValidationService validation, StatusService status,
    RealtimeTrigger trigger, IOptions<JsonOptions> json, ILogger<PullStreamResult> pullLogger, ILogger<FunctionRunner> logger)
{
    private const string Json = "application/json; charset=utf-8";
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <summary>Runs <paramref name="job"/> for <paramref name="caller"/>. Cancellation is passed on, never answered.</summary>
    public async Task<FunctionResponse> RunAsync(string job, SyncCaller caller, FunctionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return job switch
            {
                FunctionJobs.Pull => await PullAsync(caller, Parse<PullRequest>(request), cancellationToken),
                FunctionJobs.Push => Ok(await push.PushAsync(caller, Parse<PushRequest>(request), cancellationToken)),
                FunctionJobs.Resolve => Ok(await resolve.ResolveAsync(caller, Parse<ResolveRequest>(request), cancellationToken)),
                FunctionJobs.Validate => Ok(await validation.ValidateAsync(caller, Parse<ValidateRequest>(request), cancellationToken)),
                FunctionJobs.Status => Ok(await status.GetAsync(caller, StatusQueryOf(Parse<StatusBody>(request)), cancellationToken)),
                FunctionJobs.Realtime => Ok(await trigger.RunAsync(caller, request, cancellationToken)),
                _ => throw new InvalidOperationException($"No function runs the job '{job}'."),
            };
        }
        catch (SyncRequestException e)
        {
            return Problem(Titles.StatusOf(e.Code), e.Code, e.Message, e.Errors);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');
            var message = e.Path is null ? "The body is not valid JSON." : $"The value of {field} is not valid JSON of the expected type.";
            return Problem(400, ErrorCodes.MalformedJson, message, [new FieldError(field, "type", message)]);
        }
        catch (StorageException e) when (e.IsTransient)
        {
            return Problem(503, ErrorCodes.StorageUnavailable, "The storage is busy or unreachable; try again in a few seconds.", []);
        }
        catch (StorageException e)
        {
            AppwriteLog.FunctionFailed(logger, job, e.Message);
            return Problem(500, "internal_error", "The server failed to handle the request; the failure is logged.", []);
        }
    }

    // The very writer of the native endpoint, into memory: a pull's size is bounded by its page limits.
    private async Task<FunctionResponse> PullAsync(SyncCaller caller, PullRequest request, CancellationToken cancellationToken)
    {
        var stream = await pull.OpenAsync(caller, request, cancellationToken);
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestAborted = cancellationToken };
        context.Response.Body = body;
        await new PullStreamResult(stream, request.Compress, pullLogger).ExecuteAsync(context);
        return new FunctionResponse(200, Json, Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), null);
    }

    // Like the original functions, an empty body is an empty payload: the service then names what is missing.
    private T Parse<T>(FunctionRequest request) where T : class =>
        JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body, _json)
        ?? throw SyncRequestException.ForField(ErrorCodes.MalformedJson, "$", "type", "The body must be a JSON object, not null.");

    private FunctionResponse Ok<T>(T value) => new(200, Json, JsonSerializer.Serialize(value, _json), null);

    private FunctionResponse Problem(int statusCode, string code, string detail, IReadOnlyList<FieldError> errors) =>
        new(statusCode, "application/problem+json; charset=utf-8",
            JsonSerializer.Serialize(ProblemWriter.Create(statusCode, code, detail, errors), _json), detail);

    private static StatusQuery StatusQueryOf(StatusBody body) =>
        new(body.SinceMinutes, Blank(body.DeviceId), Blank(body.UserId), Blank(body.FacilityId));

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The original <c>sync-status-monitor</c> payload: the query of <c>GET /v1/sync/status</c> as a JSON body.</summary>
    private sealed record StatusBody(int? SinceMinutes, string? DeviceId, string? UserId, string? FacilityId);
}
