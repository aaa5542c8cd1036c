using FieldSync.Core.Contracts;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Sync;

/// <summary>The result of one write, as a value: rejections are outcomes, not exceptions.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Document">The server's document afterwards; null when rejected.</param>
/// <param name="Resolution">The resolution's wire name for creates and updates.</param>
/// <param name="ConflictId">The conflict log id when there was a conflict.</param>
/// <param name="Error">Why it was rejected.</param>
/// <param name="Action"><c>created</c>, <c>updated</c> or <c>deleted</c>, or null when nothing changed.</param>
public sealed record WriteOutcome(
    WriteStatus Status,
    SyncDocument? Document,
    string? Resolution,
    string? ConflictId,
    OperationError? Error,
    string? Action)
{
    /// <summary>A rejection with a code and a message.</summary>
    public static WriteOutcome Reject(string code, string message, IReadOnlyList<Errors.FieldError>? errors = null) =>
        new(WriteStatus.Rejected, null, null, null, new OperationError(code, message) { Errors = errors }, null);
}
