namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/sync/push</c>.</summary>
public sealed record PushRequest
{
    /// <summary>The pushing device. Required.</summary>
    public string? DeviceId { get; init; }
    /// <summary>Accepted for compatibility; must equal the token's user when given.</summary>
    public string? UserId { get; init; }
    /// <summary>The client's id of the batch, for the queue log.</summary>
    public string? BatchId { get; init; }
    /// <summary>The operations, applied in this order.</summary>
    public IReadOnlyList<QueuedOperation>? QueuedOperations { get; init; }
}
