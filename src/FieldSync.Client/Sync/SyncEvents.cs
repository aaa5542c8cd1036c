using Microsoft.Extensions.Logging;

namespace FieldSync.Client.Sync;

/// <summary>
/// The client's events, raised on the sync's own thread. A handler that throws is logged and skipped: an app's bug in a
/// handler must not stop its data from syncing.
/// </summary>
internal sealed class SyncEvents(object sender, ILogger logger)
{
    public event EventHandler<ConflictEventArgs>? Conflict;

    public event EventHandler<RejectedEventArgs>? Rejected;

    public event EventHandler<SyncProgressEventArgs>? Progress;

    public event EventHandler<SyncFailedEventArgs>? Failed;

    public void RaiseConflict(ConflictEventArgs args) => Raise(Conflict, args, nameof(Conflict));

    public void RaiseRejected(RejectedEventArgs args) => Raise(Rejected, args, nameof(Rejected));

    public void RaiseProgress(SyncProgressEventArgs args) => Raise(Progress, args, nameof(Progress));

    public void RaiseFailed(SyncFailedEventArgs args) => Raise(Failed, args, "SyncFailed");

    private void Raise<T>(EventHandler<T>? handlers, T args, string name)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<T>>())
        {
            try
            {
                handler(sender, args);
            }
#pragma warning disable CA1031 // Any exception of an app's handler is the app's; sync goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClientLog.HandlerFailed(logger, name, e);
            }
        }
    }
}
