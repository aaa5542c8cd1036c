namespace FieldSync.Client.Wire;

/// <summary>The body of <c>POST /v1/sync/push</c>: a batch of the outbox, in order.</summary>
internal sealed record PushRequestBody(string DeviceId, string BatchId, IReadOnlyList<WireOperation> QueuedOperations);
