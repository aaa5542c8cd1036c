namespace FieldSync.Server;

/// <summary>The server's log messages, with stable event ids. None carries document data.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}")]
    public static partial void Unhandled(ILogger logger, string exceptionType, string path, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Pull of device {DeviceId} broke off after the response started: {Reason}")]
    public static partial void PullBroken(ILogger logger, string deviceId, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "FieldSync listening on {Urls} with data in {DataDirectory}")]
    public static partial void Started(ILogger logger, string urls, string dataDirectory);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning,
        Message = "Live {Channel} connection of device {DeviceId} fell too far behind and was dropped; it catches up by pulling")]
    public static partial void SlowConnectionDropped(ILogger logger, string deviceId, string channel);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "{Count} realtime_notifications rows could not be stored: {Reason}")]
    public static partial void RealtimeLogLost(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Removed {Count} log rows older than {Cutoff}")]
    public static partial void LogsPruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Log retention failed: {Reason}")]
    public static partial void PruneFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "The PostgreSQL change listener is not listening after {Seconds} s; live notices start once it is")]
    public static partial void ListenerNotReady(ILogger logger, int seconds);
}
