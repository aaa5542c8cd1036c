namespace FieldSync.Client;

/// <summary>The server refused a local change for good; it is now in <see cref="FieldSyncClient.GetRejectedAsync"/>.</summary>
public sealed class RejectedEventArgs : EventArgs
{
    /// <summary>The refused operation and the reason.</summary>
    public required RejectedOperation Operation { get; init; }
}
