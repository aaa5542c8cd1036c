using System.Text.Json.Nodes;

namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/sync/resolve</c>: one client version of one document.</summary>
public sealed record ResolveRequest
{
    /// <summary>The collection. Required.</summary>
    public string? Collection { get; init; }
    /// <summary>The document id. Required.</summary>
    public string? DocumentId { get; init; }
    /// <summary>The client's data of the document. Required.</summary>
    public JsonObject? ClientData { get; init; }
    /// <summary>When the client made its version (a tie-breaker, clamped to the server clock).</summary>
    public DateTimeOffset? ClientTimestamp { get; init; }
    /// <summary>The <c>$version</c> the client edited from; without it timestamps decide.</summary>
    public long? BaseVersion { get; init; }
    /// <summary>The device. Required.</summary>
    public string? DeviceId { get; init; }
    /// <summary>Accepted for compatibility; must equal the token's user when given.</summary>
    public string? UserId { get; init; }
}
