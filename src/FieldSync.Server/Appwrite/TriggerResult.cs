namespace FieldSync.Server.Appwrite;

/// <summary>What <c>real-time-sync-trigger</c> answers: the change it announced and whether the configuration lets it notify.</summary>
/// <param name="Collection">The collection.</param>
/// <param name="DocumentId">The document.</param>
/// <param name="FacilityId">The document's facility: only sessions of users who may see it are notified.</param>
/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>, as the stored document shows it.</param>
/// <param name="Version">The document's version.</param>
/// <param name="Checkpoint">The change's position, as in the native notifications.</param>
/// <param name="Notified">False when <c>realtime.notifyCollections</c>/<c>notifyActions</c> exclude the change.</param>
public sealed record TriggerResult(string Collection, string DocumentId, string FacilityId, string Action, long Version, string Checkpoint,
    bool Notified);
