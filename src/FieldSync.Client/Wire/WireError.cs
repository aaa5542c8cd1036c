namespace FieldSync.Client.Wire;

/// <summary>Why an operation did not apply.</summary>
internal sealed record WireError(string? Code, string? Message, IReadOnlyList<WireFieldError>? Errors);
