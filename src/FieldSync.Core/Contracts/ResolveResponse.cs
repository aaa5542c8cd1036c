using System.Text.Json.Nodes;

namespace FieldSync.Core.Contracts;

/// <summary>The answer of the resolve endpoint.</summary>
/// <param name="Resolution"><c>created</c>, <c>no_conflict</c>, <c>applied_client</c>, <c>kept_server</c> or <c>merged</c>.</param>
/// <param name="Conflict">Whether the server had moved past the client's base.</param>
/// <param name="Strategy">The collection's strategy.</param>
/// <param name="Document">The server's document after resolution.</param>
/// <param name="ConflictId">The <c>conflict_log</c> id, or null without a conflict.</param>
public sealed record ResolveResponse(string Resolution, bool Conflict, string Strategy, JsonObject Document, string? ConflictId);
