using FieldSync.Core.Errors;

namespace FieldSync.Server.Errors;

/// <summary>The short, fixed title of each error code, and the HTTP status it maps to.</summary>
public static class Titles
{
    /// <summary>The title of a code.</summary>
    public static string For(string code) => code switch
    {
        ErrorCodes.ValidationFailed => "The request breaks a validation rule.",
        ErrorCodes.UnknownCollection => "The collection is not configured on this server.",
        ErrorCodes.ForbiddenFacility => "The document belongs to a facility you are not a member of.",
        ErrorCodes.ForbiddenUser => "The request names another user than the token's.",
        ErrorCodes.ForbiddenRole => "Your role does not allow this request.",
        ErrorCodes.PayloadTooLarge => "The request is larger than the server accepts.",
        ErrorCodes.InvalidCheckpoint => "The checkpoint was not made by this server.",
        ErrorCodes.MalformedJson => "The body is not JSON of the expected shape.",
        ErrorCodes.NotFound => "Not found.",
        ErrorCodes.DocumentDeleted => "The document was deleted.",
        ErrorCodes.StorageUnavailable => "The storage is unavailable; try again later.",
        ErrorCodes.RateLimited => "Too many requests; slow down.",
        ErrorCodes.Unauthorized => "Authentication is required.",
        _ => "The request failed.",
    };

    /// <summary>The HTTP status of a request-level error code.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.ForbiddenFacility or ErrorCodes.ForbiddenUser or ErrorCodes.ForbiddenRole => StatusCodes.Status403Forbidden,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.DocumentDeleted => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
