namespace FieldSync.Server.Appwrite;

/// <summary>What a function answered: its status, content type and body text, and for a failure the reason in words.</summary>
/// <param name="Status">The HTTP status the native endpoint would have answered.</param>
/// <param name="ContentType">The body's content type.</param>
/// <param name="Body">The body: the native endpoint's JSON.</param>
/// <param name="Error">Why it failed, for the execution's <c>errors</c>; null on success.</param>
public sealed record FunctionResponse(int Status, string ContentType, string Body, string? Error);
