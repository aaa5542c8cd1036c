using FieldSync.Core.Contracts;

namespace FieldSync.Server.Endpoints;

/// <summary>The answer of <c>GET /v1/sync/notifications</c>.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationMessage> Notifications);
