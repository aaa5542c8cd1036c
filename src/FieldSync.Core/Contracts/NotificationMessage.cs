namespace FieldSync.Core.Contracts;

/// <summary>A change message, as listed and as sent on live connections.</summary>
/// <param name="Type">Always <c>change</c>.</param>
/// <param name="Id">The notification id to acknowledge; 0 on live connections without a stored row.</param>
/// <param name="Collection">The collection.</param>
/// <param name="DocumentId">The document id.</param>
/// <param name="FacilityId">The document's facility.</param>
/// <param name="Action"><c>create</c>, <c>update</c> or <c>delete</c>.</param>
/// <param name="Version">The document's version after the change.</param>
/// <param name="Checkpoint">The change's position; a device whose pull checkpoint is behind it should pull.</param>
/// <param name="CreatedAt">When the change committed.</param>
/// <param name="DeliveredAt">When the device acknowledged it.</param>
public sealed record NotificationMessage(
    string Type, long Id, string Collection, string DocumentId, string FacilityId, string Action, long Version, string Checkpoint,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);
