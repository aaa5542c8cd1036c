namespace FieldSync.Core.Storage;

/// <summary>A row of <c>deletion_log</c>: the deleted document's last state, as JSON text in the wire's shape.</summary>
public sealed record DeletionEntry(
    string Collection,
    string DocumentId,
    string FacilityId,
    long Version,
    string DeletedBy,
    string DeviceId,
    string LastState,
    DateTimeOffset DeletedAt);
