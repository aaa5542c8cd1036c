namespace FieldSync.Core.Storage;

/// <summary>
/// A row of <c>conflict_log</c>: both sides of a conflict and what the strategy made of them. The data are UTF-8 JSON, as
/// documents are stored: the server's side and the resolution are copied from the bodies storage read and wrote.
/// </summary>
public sealed record ConflictEntry
{
    /// <summary>The conflict id returned to the client.</summary>
    public required string Id { get; init; }
    /// <summary>The collection.</summary>
    public required string Collection { get; init; }
    /// <summary>The document id.</summary>
    public required string DocumentId { get; init; }
    /// <summary>The document's facility after resolution.</summary>
    public required string FacilityId { get; init; }
    /// <summary>The device that sent the change.</summary>
    public required string DeviceId { get; init; }
    /// <summary>The user who sent the change.</summary>
    public required string UserId { get; init; }
    /// <summary>The door the change came in by: <c>push</c>, <c>resolve</c> or <c>validate</c>.</summary>
    public required string Source { get; init; }
    /// <summary>The strategy's wire name.</summary>
    public required string Strategy { get; init; }
    /// <summary>The resolution's wire name.</summary>
    public required string Resolution { get; init; }
    /// <summary>The version the client edited from, if it said.</summary>
    public long? BaseVersion { get; init; }
    /// <summary>The server's version when the change arrived.</summary>
    public required long ServerVersion { get; init; }
    /// <summary>The fields the client sent, as a JSON object in UTF-8.</summary>
    public required byte[] ClientData { get; init; }
    /// <summary>The server's data when the change arrived, as a JSON object in UTF-8.</summary>
    public required byte[] ServerData { get; init; }
    /// <summary>The data after resolution, as a JSON object in UTF-8.</summary>
    public required byte[] ResolvedData { get; init; }
    /// <summary>The client's timestamp as sent.</summary>
    public DateTimeOffset? ClientTimestamp { get; init; }
    /// <summary>How far the client's clock ran ahead of the server's, in milliseconds (0 when behind).</summary>
    public long ClockSkewMs { get; init; }
    /// <summary>Server time of the resolution.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
