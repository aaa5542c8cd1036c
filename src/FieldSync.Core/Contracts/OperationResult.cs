using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FieldSync.Core.Contracts;

/// <summary>The outcome of one queued operation.</summary>
public sealed record OperationResult
{
    /// <summary>The operation's position in the batch.</summary>
    public int Index { get; init; }
    /// <summary>The operation's id as sent (or derived).</summary>
    public string? OpId { get; init; }
    /// <summary><c>applied</c>, <c>conflict_resolved</c>, <c>duplicate</c>, <c>rejected</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }
    /// <summary>For a duplicate, the status of the first processing of the operation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OriginalStatus { get; init; }
    /// <summary>For resolved updates, how: see the resolve endpoint.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Resolution { get; init; }
    /// <summary>The conflict log id, when the update conflicted.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConflictId { get; init; }
    /// <summary>Whether sending the operation again may succeed; set for rejected, failed and skipped.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Retryable { get; init; }
    /// <summary>The server's document after the operation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Document { get; init; }
    /// <summary>Why the operation did not apply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationError? Error { get; init; }
}
