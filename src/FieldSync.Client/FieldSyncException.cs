using System.Net;

namespace FieldSync.Client;

/// <summary>
/// A sync could not be completed: the network, the server or the local database failed. <see cref="IsTransient"/> says
/// whether trying again later can help; nothing local is lost either way (the outbox and the checkpoints stay as they
/// were after the last step that completed).
/// </summary>
public sealed class FieldSyncException : Exception
{
    /// <summary>Creates an exception that is not transient.</summary>
    public FieldSyncException()
    {
    }

    /// <summary>Creates an exception that is not transient, with a message.</summary>
    public FieldSyncException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that is not transient, with a message and its cause.</summary>
    public FieldSyncException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with everything a caller may look at.</summary>
    /// <param name="message">What went wrong, for a person.</param>
    /// <param name="isTransient">Whether trying again later can help.</param>
    /// <param name="statusCode">The HTTP status, when the server answered.</param>
    /// <param name="code">The server's problem code, e.g. <c>unauthorized</c>, or the client's own, e.g. <c>network</c>.</param>
    /// <param name="innerException">The cause.</param>
    public FieldSyncException(string message, bool isTransient, HttpStatusCode? statusCode, string? code, Exception? innerException = null)
        : base(message, innerException)
    {
        (IsTransient, StatusCode, Code) = (isTransient, statusCode, code);
    }

    /// <summary>Whether trying again later can help (network down, timeout, 5xx, 429, a server storage fault).</summary>
    public bool IsTransient { get; }

    /// <summary>The HTTP status of the server's answer; null when there was none (network, timeout, local database).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// A stable word for the cause: the server's problem code (<c>unauthorized</c>, <c>validation_failed</c>,
    /// <c>invalid_checkpoint</c>, <c>rate_limited</c>, ...), or <c>network</c>, <c>timeout</c>, <c>bad_response</c>,
    /// <c>operations_failed</c>, <c>local_store</c>.
    /// </summary>
    public string? Code { get; }

    /// <summary>How long the server asked to wait (<c>Retry-After</c>), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
