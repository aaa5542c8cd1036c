namespace FieldSync.Core.Errors;

/// <summary>
/// A caller's mistake that refuses the whole request before anything changes. <see cref="Code"/> is a stable word
/// (<see cref="ErrorCodes"/>); the server turns it into a 4xx problem response.
/// </summary>
public sealed class SyncRequestException(string code, string message, IReadOnlyList<FieldError>? errors = null) : Exception(message)
{
    /// <summary>The stable machine-readable code, e.g. <c>unknown_collection</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The fields and rules at fault; may be empty.</summary>
    public IReadOnlyList<FieldError> Errors { get; } = errors ?? [];

    /// <summary>A request refused because one field broke one rule.</summary>
    public static SyncRequestException ForField(string code, string field, string rule, string message) =>
        new(code, message, [new FieldError(field, rule, message)]);
}
