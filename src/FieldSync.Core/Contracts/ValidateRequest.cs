using System.Text.Json.Nodes;

namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/validate</c>.</summary>
public sealed record ValidateRequest
{
    /// <summary>The collection whose rules apply. Required.</summary>
    public string? Collection { get; init; }
    /// <summary>The documents, each a flat object with an optional <c>$id</c>.</summary>
    public IReadOnlyList<JsonObject?>? Documents { get; init; }
    /// <summary><c>validate</c> (default) or <c>upsert</c>.</summary>
    public string? Mode { get; init; }
    /// <summary>The device, for the logs of an upsert; default <c>validate</c>.</summary>
    public string? DeviceId { get; init; }
    /// <summary>Accepted for compatibility; must equal the token's user when given.</summary>
    public string? UserId { get; init; }
}
