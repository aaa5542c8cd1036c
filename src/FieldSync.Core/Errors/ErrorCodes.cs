namespace FieldSync.Core.Errors;

/// <summary>The stable error codes of the API.</summary>
public static class ErrorCodes
{
    /// <summary>A field broke a validation rule.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>The request names a collection the configuration does not have.</summary>
    public const string UnknownCollection = "unknown_collection";
    /// <summary>The document belongs, or would belong, to a facility the caller is not a member of.</summary>
    public const string ForbiddenFacility = "forbidden_facility";
    /// <summary>The request names another user than the token's.</summary>
    public const string ForbiddenUser = "forbidden_user";
    /// <summary>The caller's role does not allow the request.</summary>
    public const string ForbiddenRole = "forbidden_role";
    /// <summary>The body or a list in it is larger than the configured limit.</summary>
    public const string PayloadTooLarge = "payload_too_large";
    /// <summary>The checkpoint was not made by this server.</summary>
    public const string InvalidCheckpoint = "invalid_checkpoint";
    /// <summary>The body is not JSON of the expected shape.</summary>
    public const string MalformedJson = "malformed_json";
    /// <summary>The document does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>The document was deleted; the change cannot apply to it.</summary>
    public const string DocumentDeleted = "document_deleted";
    /// <summary>A create named a document that already exists.</summary>
    public const string AlreadyExists = "already_exists";
    /// <summary>The storage failed for a reason that may pass; try again later.</summary>
    public const string StorageUnavailable = "storage_unavailable";
    /// <summary>Too many requests from one user; wait and try again.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>No valid bearer token.</summary>
    public const string Unauthorized = "unauthorized";
}
