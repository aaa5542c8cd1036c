using System.Text.Json.Nodes;

namespace FieldSync.Core.Storage;

/// <summary>A row of <c>deletion_log</c>: the deleted document's last state.</summary>
public sealed record DeletionEntry(
    string Collection,
    string DocumentId,
    string FacilityId,
    long Version,
    string DeletedBy,
    string DeviceId,
    JsonObject LastState,
    DateTimeOffset DeletedAt);
