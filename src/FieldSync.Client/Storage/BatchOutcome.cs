namespace FieldSync.Client.Storage;

/// <summary>What the server's answer to one push batch did to the local store.</summary>
internal sealed class BatchOutcome
{
    public int Pushed { get; set; }

    public int Duplicates { get; set; }

    public List<ConflictEventArgs> Conflicts { get; } = [];

    public List<RejectedOperation> Rejected { get; } = [];

    /// <summary>Why the batch stopped short (a retryable failure); null when every operation was settled.</summary>
    public string? StoppedBy { get; set; }
}
