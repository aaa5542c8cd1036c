namespace FieldSync.Client.Tests.Properties;

/// <summary>What a nurse does on a device in a generated scenario.</summary>
public enum EditKind
{
    /// <summary>Registers a new patient.</summary>
    Create,

    /// <summary>Changes one field of a patient the device holds.</summary>
    Update,

    /// <summary>Deletes a patient the device holds.</summary>
    Delete,

    /// <summary>Saves a change the server's rules refuse.</summary>
    Invalid,

    /// <summary>Syncs.</summary>
    Sync,
}
