namespace FieldSync.Client;

/// <summary>Where a sync pass stands when it reports progress.</summary>
public enum SyncPhase
{
    /// <summary>A batch of the outbox was answered by the server.</summary>
    Pushing,

    /// <summary>A page of changes was stored locally, with its checkpoint.</summary>
    Pulling,

    /// <summary>The pass finished: the outbox was sent and every collection was pulled until the server had no more.</summary>
    Completed,
}
