using System.Text.Json.Nodes;

namespace FieldSync.Client;

/// <summary>
/// A local change the server refused for good (validation, permission, unknown collection, deleted document). It is
/// removed from the outbox so it never blocks the queue, kept in the local store for the user to see and fix, and the
/// document is restored to the server's version.
/// </summary>
public sealed record RejectedOperation
{
    /// <summary>The operation's id, unique per device; the key for <see cref="FieldSyncClient.DismissRejectedAsync"/>.</summary>
    public required string OpId { get; init; }

    /// <summary>Create, update or delete.</summary>
    public required SyncOperationType Type { get; init; }

    /// <summary>The collection.</summary>
    public required string Collection { get; init; }

    /// <summary>The document id.</summary>
    public required string DocumentId { get; init; }

    /// <summary>What was sent: the whole document for a create, the changed fields for an update, null for a delete.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>The server's machine-readable reason, e.g. <c>validation_failed</c>, <c>forbidden_facility</c>, <c>document_deleted</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The server's explanation.</summary>
    public required string Message { get; init; }

    /// <summary>The broken rules, for validation failures; empty otherwise.</summary>
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    /// <summary>When the user made the change (device clock).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the server's refusal arrived (device clock).</summary>
    public DateTimeOffset RejectedAt { get; init; }
}
