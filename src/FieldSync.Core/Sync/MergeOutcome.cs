using System.Text.Json.Nodes;

namespace FieldSync.Core.Sync;

/// <summary>What a merge decided.</summary>
/// <param name="Conflict">Whether the server had moved past the client's base.</param>
/// <param name="Resolution">The resolution's wire name.</param>
/// <param name="Body">The resulting document data.</param>
/// <param name="TakenFields">The client's fields that entered the result; empty when nothing changes.</param>
public sealed record MergeOutcome(bool Conflict, string Resolution, JsonObject Body, IReadOnlyList<string> TakenFields);
