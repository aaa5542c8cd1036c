namespace FieldSync.Core.Contracts;

/// <summary>The answer of the validate endpoint: valid only when every document is.</summary>
public sealed record ValidateResponse(bool Valid, IReadOnlyList<ValidationResult> Results);
