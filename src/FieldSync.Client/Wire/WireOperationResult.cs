using System.Text.Json.Nodes;

namespace FieldSync.Client.Wire;

/// <summary>The outcome of one pushed operation.</summary>
internal sealed record WireOperationResult(
    int Index, string? OpId, string Status, string? OriginalStatus, string? Resolution, string? ConflictId, bool? Retryable,
    JsonObject? Document, WireError? Error)
{
    /// <summary>What happened the first time: for a duplicate its original status, else the status itself.</summary>
    public string Effective => Status == PushStatus.Duplicate && OriginalStatus is { } first ? first : Status;
}
