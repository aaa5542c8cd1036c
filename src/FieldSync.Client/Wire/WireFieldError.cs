namespace FieldSync.Client.Wire;

/// <summary>A broken rule of one field.</summary>
internal sealed record WireFieldError(string? Field, string? Rule, string? Message);
