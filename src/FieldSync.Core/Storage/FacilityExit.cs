namespace FieldSync.Core.Storage;

/// <summary>
/// A document that left a facility (its facility field changed). Devices of the facility it left learn of it as a
/// deletion on their next pull, so that none keeps a document it may no longer see.
/// </summary>
/// <param name="Collection">The collection.</param>
/// <param name="DocumentId">The document id.</param>
/// <param name="FacilityId">The facility the document left.</param>
/// <param name="Version">The document's version after the move.</param>
/// <param name="At">Server time of the move.</param>
public sealed record FacilityExit(string Collection, string DocumentId, string FacilityId, long Version, DateTimeOffset At);
