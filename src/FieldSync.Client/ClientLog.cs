using Microsoft.Extensions.Logging;

namespace FieldSync.Client;

/// <summary>The SDK's log messages, with stable event ids. None carries document data.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Sync pass of {DeviceId}: pushed {Pushed}, rejected {Rejected}, pulled {Pulled} in {Pages} pages, {Pending} pending")]
    public static partial void PassCompleted(ILogger logger, string deviceId, int pushed, int rejected, int pulled, int pages, int pending);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Sync attempt of {DeviceId} failed ({Code}, transient: {Transient}): {Reason}")]
    public static partial void AttemptFailed(ILogger logger, string deviceId, string? code, bool transient, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "A {Event} event handler threw; sync goes on")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Change stream of {DeviceId} ended: {Reason}")]
    public static partial void StreamEnded(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Heartbeat of {DeviceId} failed: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning,
        Message = "The server refused a push of {Count} operations as too large; sending batches of {Next}")]
    public static partial void BatchShrunk(ILogger logger, int count, int next);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning,
        Message = "Operation {OpId} ({Collection}/{DocumentId}) was rejected: {Code}")]
    public static partial void OperationRejected(ILogger logger, string opId, string collection, string documentId, string code);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning,
        Message = "The server refused the stored checkpoint of {DeviceId} for {Collections}; pulling from the start")]
    public static partial void CheckpointRefused(ILogger logger, string deviceId, string collections);
}
