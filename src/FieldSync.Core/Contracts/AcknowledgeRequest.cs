namespace FieldSync.Core.Contracts;

/// <summary>The body of <c>POST /v1/sync/notifications/ack</c>.</summary>
public sealed record AcknowledgeRequest
{
    /// <summary>The device. Required.</summary>
    public string? DeviceId { get; init; }
    /// <summary>The notification ids to mark delivered. Required.</summary>
    public IReadOnlyList<long>? Ids { get; init; }
}
