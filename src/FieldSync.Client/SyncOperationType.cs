namespace FieldSync.Client;

/// <summary>The kind of a queued operation, as the push endpoint names it.</summary>
public enum SyncOperationType
{
    /// <summary>A new document: the whole document is sent.</summary>
    Create,

    /// <summary>A change of an existing document: only the changed fields are sent, with the version they were edited from.</summary>
    Update,

    /// <summary>A deletion: the server keeps a tombstone and the last state in its deletion log.</summary>
    Delete,
}
