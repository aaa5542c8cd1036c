namespace FieldSync.Server.Appwrite;

/// <summary>The request a function receives: the execution's <c>body</c> string, method, path and headers.</summary>
/// <param name="Body">The raw body; the original payload as JSON text.</param>
/// <param name="Method">The method the caller named.</param>
/// <param name="Path">The path the caller named.</param>
/// <param name="Headers">The headers the caller passed, lower-case names.</param>
public sealed record FunctionRequest(string Body, string Method, string Path, IReadOnlyDictionary<string, string> Headers);
