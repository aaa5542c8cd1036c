namespace FieldSync.Server.Appwrite;

/// <summary>The Appwrite-compatible endpoint's log messages, with stable event ids. None carries document data.</summary>
internal static partial class AppwriteLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Function {Job} failed: {Reason}")]
    public static partial void FunctionFailed(ILogger logger, string job, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Execution {ExecutionId} ran but could not be recorded: {Reason}")]
    public static partial void ExecutionNotRecorded(ILogger logger, string executionId, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Execution {ExecutionId} did not run: the server stopped first")]
    public static partial void ExecutionAbandoned(ILogger logger, string executionId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Appwrite realtime session of device {DeviceId} could not be refreshed: {Reason}")]
    public static partial void RealtimeHeartbeatFailed(ILogger logger, string deviceId, string reason);
}
