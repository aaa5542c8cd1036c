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
}
