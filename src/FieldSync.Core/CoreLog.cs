using Microsoft.Extensions.Logging;

namespace FieldSync.Core;

/// <summary>The engine's log messages, with stable event ids. None carries document data.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Device {DeviceId} sent a timestamp {SkewMs} ms ahead of the server clock; it was clamped")]
    public static partial void ClockSkew(ILogger logger, string deviceId, long skewMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Push of device {DeviceId} stopped at operation {Index}: storage failed ({Reason}); the rest of the batch is skipped")]
    public static partial void PushStopped(ILogger logger, string deviceId, int index, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "Pull by device {DeviceId}: {Documents} documents, {Deletions} deletions, checkpoint {From} -> {To}")]
    public static partial void Pulled(ILogger logger, string deviceId, int documents, int deletions, long from, long to);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error,
        Message = "A {Table} row could not be written: {Reason}; the operation itself stands")]
    public static partial void LogRowLost(ILogger logger, string table, string reason);
}
