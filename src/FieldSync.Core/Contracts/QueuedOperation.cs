using System.Text.Json.Nodes;

namespace FieldSync.Core.Contracts;

/// <summary>One operation of a device's offline queue.</summary>
public sealed record QueuedOperation
{
    /// <summary>The client's unique id of the operation; the exactly-once key. Derived from the content when absent.</summary>
    public string? OpId { get; init; }
    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public string? Type { get; init; }
    /// <summary>The collection.</summary>
    public string? Collection { get; init; }
    /// <summary>The document id.</summary>
    public string? DocumentId { get; init; }
    /// <summary>The whole document for a create, the changed fields for an update; field names are case-sensitive.</summary>
    public JsonObject? Data { get; init; }
    /// <summary>When the device made the change (device clock: a tie-breaker only).</summary>
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>The <c>$version</c> the change was made from.</summary>
    public long? BaseVersion { get; init; }
}
