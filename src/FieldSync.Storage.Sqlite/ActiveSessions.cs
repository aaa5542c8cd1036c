using FieldSync.Core.Documents;

namespace FieldSync.Storage.Sqlite;

/// <summary>
/// Whether any device session is active, asked at most once per write transaction. No other writer can touch the
/// sessions while the transaction holds the write lock, and a session only goes stale as time passes: once none is
/// active since some time, none is for a later time until the transaction ends. A batch pushed while no device listens
/// then skips the notification statement of each of its changes.
/// </summary>
internal sealed class ActiveSessions(PreparedCommands commands)
{
    private DateTimeOffset? _noneSince;
    private bool _someActive;

    /// <summary>True when no session has had a heartbeat since <paramref name="activeSince"/>.</summary>
    public bool NoneActiveSince(DateTimeOffset activeSince)
    {
        if (_someActive || (_noneSince is { } none && activeSince >= none))
        {
            return !_someActive;
        }

        _someActive = (long)commands.Scalar("SELECT EXISTS (SELECT 1 FROM active_sync_sessions WHERE last_heartbeat >= $active)",
            ("$active", DocumentJson.FormatTime(activeSince)))! != 0;
        _noneSince = _someActive ? null : activeSince;
        return !_someActive;
    }
}
