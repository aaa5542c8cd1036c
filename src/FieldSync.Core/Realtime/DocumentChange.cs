namespace FieldSync.Core.Realtime;

/// <summary>A committed change of one document, as devices hear of it.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="DocumentId">The document id.</param>
/// <param name="FacilityId">The document's facility.</param>
/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Version">The document's version after the change.</param>
/// <param name="Sequence">The change sequence.</param>
public sealed record DocumentChange(string Collection, string DocumentId, string FacilityId, string Action, long Version, long Sequence);
