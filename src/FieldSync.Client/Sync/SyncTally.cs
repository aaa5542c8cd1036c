using FieldSync.Client.Storage;

namespace FieldSync.Client.Sync;

/// <summary>The running counts of one sync, across its retries.</summary>
internal sealed class SyncTally
{
    public int Pushed { get; private set; }
    public int Duplicates { get; private set; }
    public int Conflicts { get; private set; }
    public int Rejected { get; private set; }
    public int Pulled { get; private set; }
    public int Deleted { get; private set; }
    public int Pages { get; private set; }
    public int Pending { get; set; }

    public void Add(BatchOutcome batch)
    {
        Pushed += batch.Pushed;
        Duplicates += batch.Duplicates;
        Conflicts += batch.Conflicts.Count;
        Rejected += batch.Rejected.Count;
    }

    public void Add(PageOutcome page)
    {
        Pulled += page.Documents;
        Deleted += page.Deletions;
        Pages++;
    }

    public SyncProgressEventArgs Progress(SyncPhase phase) => new()
    {
        Phase = phase, Pushed = Pushed, Pulled = Pulled, Deleted = Deleted, Pages = Pages,
        Pending = phase == SyncPhase.Completed ? Pending : -1,
    };

    public SyncResult ToResult() => new(Pushed, Duplicates, Conflicts, Rejected, Pulled, Deleted, Pages, Pending);
}
