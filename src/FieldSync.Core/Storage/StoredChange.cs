namespace FieldSync.Core.Storage;

/// <summary>
/// One change as a pull reads it: a document at its newest version, or a tombstone. The body stays the JSON text the
/// store holds: a pull only copies it to the wire, and parsing many thousand bodies per first sync cost more than the
/// rest of the pull together.
/// </summary>
public sealed class StoredChange
{
    /// <summary>The collection the document belongs to.</summary>
    public required string Collection { get; init; }

    /// <summary>The document id, unique within its collection.</summary>
    public required string Id { get; init; }

    /// <summary>The facility that owns the document; for a document that left a facility, the facility it left.</summary>
    public required string FacilityId { get; init; }

    /// <summary>The document's version at this change.</summary>
    public required long Version { get; init; }

    /// <summary>The change sequence: the pull checkpoint.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the server first stored the document.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the server last changed the document (for a tombstone: when it was deleted or left the facility).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>True for a tombstone: the document was deleted, or left the caller's facilities.</summary>
    public bool Deleted { get; init; }

    /// <summary>
    /// The collection's own fields (never the <c>$</c> metadata) as one JSON object in UTF-8, exactly as stored;
    /// <c>{}</c> for a document that left the caller's facilities.
    /// </summary>
    public required ReadOnlyMemory<byte> Body { get; init; }
}
