namespace FieldSync.Server.Endpoints;

/// <summary>The answer of <c>POST /v1/sync/notifications/ack</c>: how many notifications changed to delivered.</summary>
public sealed record AcknowledgeResponse(int Acknowledged);
