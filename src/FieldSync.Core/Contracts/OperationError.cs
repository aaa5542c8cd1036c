using System.Text.Json.Serialization;
using FieldSync.Core.Errors;

namespace FieldSync.Core.Contracts;

/// <summary>Why an operation was rejected or failed.</summary>
public sealed record OperationError(string Code, string Message)
{
    /// <summary>The fields and rules at fault, for validation failures.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldError>? Errors { get; init; }
}
