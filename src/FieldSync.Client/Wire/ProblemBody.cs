namespace FieldSync.Client.Wire;

/// <summary>An RFC 9457 problem response, as far as the client reads it.</summary>
internal sealed record ProblemBody(string? Title, string? Detail, string? Code);
