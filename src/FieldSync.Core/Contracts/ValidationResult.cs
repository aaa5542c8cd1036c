using FieldSync.Core.Errors;

namespace FieldSync.Core.Contracts;

/// <summary>The verdict on one document of a validate request.</summary>
/// <param name="Index">The document's position in the request.</param>
/// <param name="Id">The document's <c>$id</c>, or the one the server gave it in an upsert.</param>
/// <param name="Valid">Whether every rule held.</param>
/// <param name="Errors">The broken rules.</param>
/// <param name="Action"><c>created</c> or <c>updated</c> for an upsert that wrote; otherwise null.</param>
public sealed record ValidationResult(int Index, string? Id, bool Valid, IReadOnlyList<FieldError> Errors, string? Action);
