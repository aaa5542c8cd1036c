using System.Text.Json.Nodes;

namespace FieldSync.Client.Wire;

/// <summary>One page of changes: live documents, deletions, and where to continue.</summary>
internal sealed record PullResponseBody(
    IReadOnlyList<JsonObject>? Documents, IReadOnlyList<DeletionNotice>? Deletions, string? Checkpoint, bool HasMore);
