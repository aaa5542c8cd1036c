using FieldSync.Core.Contracts;

namespace FieldSync.Core.Sync;

/// <summary>Turns a write outcome into the wire result of a queued operation.</summary>
internal static class OperationResults
{
    public static OperationResult From(int index, string opId, WriteOutcome outcome) => outcome.Status switch
    {
        WriteStatus.Rejected => new OperationResult
        {
            Index = index, OpId = opId, Status = PushStatuses.Rejected, Retryable = false, Error = outcome.Error,
        },
        _ => new OperationResult
        {
            Index = index,
            OpId = opId,
            Status = outcome.Status == WriteStatus.ConflictResolved ? PushStatuses.ConflictResolved : PushStatuses.Applied,
            Resolution = outcome.Resolution,
            ConflictId = outcome.ConflictId,
            Stored = outcome.Document,
        },
    };
}
