using System.Text.Json.Nodes;

namespace FieldSync.Core.Documents;

/// <summary>A document as the server stores it: its data and the server-owned metadata.</summary>
public sealed record SyncDocument
{
    private JsonObject? _body;
    private byte[]? _bodyJson;

    /// <summary>The collection the document belongs to.</summary>
    public required string Collection { get; init; }

    /// <summary>The document id, unique within its collection.</summary>
    public required string Id { get; init; }

    /// <summary>The facility that owns the document, lifted from its facility field.</summary>
    public required string FacilityId { get; init; }

    /// <summary>Starts at 1 and grows by one with every accepted change.</summary>
    public required long Version { get; init; }

    /// <summary>The change sequence of the latest change: the pull checkpoint. Assigned by storage on save.</summary>
    public long Sequence { get; init; }

    /// <summary>When the server first stored the document.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the server last changed the document.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True for a tombstone: the document was deleted and its last state is in the deletion log.</summary>
    public bool Deleted { get; init; }

    /// <summary>
    /// The collection's own fields, without the <c>$</c> metadata. A document read from storage with only
    /// <see cref="BodyJson"/> parses it on first use. Treat it as read-only: change a copy and make a new document.
    /// </summary>
    /// <exception cref="InvalidOperationException">The document was made with neither a body nor its JSON.</exception>
    public JsonObject Body
    {
        get => _body ??= _bodyJson is { } json ? JsonNode.Parse(json)!.AsObject()
            : throw new InvalidOperationException("A document needs a body.");
        init => (_body, _bodyJson) = (value, null);
    }

    /// <summary>
    /// <see cref="Body"/> as compact UTF-8 JSON, when storage read or wrote it so; null when it was not made. Writers copy
    /// these bytes instead of serializing the body again, and a document read only to be looked at or deleted is never
    /// parsed. Setting <see cref="Body"/> (also in a <c>with</c> copy) forgets them.
    /// </summary>
    public byte[]? BodyJson
    {
        get => _bodyJson;
        init => _bodyJson = value;
    }

    /// <summary>When each field was last changed, for field-level and three-way merges.</summary>
    public required IReadOnlyDictionary<string, FieldEdit> FieldEdits { get; init; }
}
