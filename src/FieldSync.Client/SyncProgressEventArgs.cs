namespace FieldSync.Client;

/// <summary>
/// Progress of a sync pass, raised after every push batch and every pull page, and once at the end. The counts are
/// running totals of the pass, so a first sync of many thousand documents can show how many have arrived.
/// </summary>
public sealed class SyncProgressEventArgs : EventArgs
{
    /// <summary>What just happened.</summary>
    public required SyncPhase Phase { get; init; }

    /// <summary>Operations the server acknowledged so far.</summary>
    public int Pushed { get; init; }

    /// <summary>Operations still waiting in the outbox (only counted at <see cref="SyncPhase.Completed"/>; -1 before).</summary>
    public int Pending { get; init; } = -1;

    /// <summary>Documents received so far.</summary>
    public int Pulled { get; init; }

    /// <summary>Deletions received so far.</summary>
    public int Deleted { get; init; }

    /// <summary>Pull pages received so far.</summary>
    public int Pages { get; init; }
}
