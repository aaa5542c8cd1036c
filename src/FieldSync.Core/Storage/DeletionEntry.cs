namespace FieldSync.Core.Storage;

/// <summary>A row of <c>deletion_log</c>: the deleted document's last state, as UTF-8 JSON in the wire's shape.</summary>
public sealed record DeletionEntry(
    string Collection,
    string DocumentId,
    string FacilityId,
    long Version,
    string DeletedBy,
    string DeviceId,
    byte[] LastState,
    DateTimeOffset DeletedAt);
