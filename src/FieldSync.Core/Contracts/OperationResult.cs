using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Contracts;

/// <summary>The outcome of one queued operation.</summary>
[JsonConverter(typeof(OperationResultConverter))]
public sealed record OperationResult
{
    private readonly JsonObject? _document;

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
    public JsonObject? Document
    {
        get => _document ?? (Stored is { } stored ? DocumentJson.ToWire(stored) : null);
        init => _document = value;
    }
    /// <summary>Why the operation did not apply.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OperationError? Error { get; init; }

    /// <summary>
    /// The stored document behind <see cref="Document"/> when the result was made from one: it is written to JSON
    /// straight from its body, once for the exactly-once record and once for the response, without a copy of it.
    /// </summary>
    [JsonIgnore]
    internal SyncDocument? Stored { get; init; }

    /// <summary>Whether <see cref="Document"/> is to be written from <see cref="Stored"/>.</summary>
    internal bool WritesStored => _document is null && Stored is not null;

    /// <summary>
    /// This result as UTF-8 JSON, when it was already written once (for the exactly-once record): the response writes these
    /// bytes again instead of serializing the result and its document a second time. A copy made with <c>with</c> does not
    /// keep them, as it may differ.
    /// </summary>
    internal byte[]? Json { get; private init; }

    /// <summary>The result with <paramref name="json"/>, its own serialization, kept for writing it again.</summary>
    internal OperationResult WrittenAs(byte[] json) => new(this) { Json = json };

    [SetsRequiredMembers]
    private OperationResult(OperationResult original)
    {
        _document = original._document;
        Index = original.Index;
        OpId = original.OpId;
        Status = original.Status;
        OriginalStatus = original.OriginalStatus;
        Resolution = original.Resolution;
        ConflictId = original.ConflictId;
        Retryable = original.Retryable;
        Error = original.Error;
        Stored = original.Stored;
    }
}
