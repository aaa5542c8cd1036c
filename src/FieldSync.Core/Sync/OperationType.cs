namespace FieldSync.Core.Sync;

/// <summary>The kinds of queued operation.</summary>
public enum OperationType
{
    /// <summary>Creates a document from its whole data.</summary>
    Create,
    /// <summary>Changes some fields of a document.</summary>
    Update,
    /// <summary>Deletes a document softly: it becomes a tombstone.</summary>
    Delete,
}
