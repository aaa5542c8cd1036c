using System.Globalization;
using FieldSync.Core.Configuration;

namespace FieldSync.Core.Status;

/// <summary>Turns the counts of a window into a health word and the reasons for it, by the configured thresholds.</summary>
public static class HealthEvaluator
{
    /// <summary>The health (<c>healthy</c>, <c>warning</c>, <c>degraded</c>) and the reasons, worst first.</summary>
    public static (string Health, IReadOnlyList<string> Reasons) Evaluate(StatusCounts c, HealthThresholds t)
    {
        var degraded = new List<string>();
        var warning = new List<string>();
        Rate("of pulls failed", c.SyncFailed, c.SyncOperations, t.WarningFailureRate, t.DegradedFailureRate, warning, degraded);
        Rate("of queued operations were not applied", c.OperationsFailed, c.Operations, t.WarningFailureRate, t.DegradedFailureRate,
            warning, degraded);
        if (c.OperationsRetryable >= t.DegradedRetryableBacklog)
        {
            degraded.Add($"{c.OperationsRetryable} queued operations failed retryably (degraded at {t.DegradedRetryableBacklog})");
        }
        else if (c.OperationsRetryable >= t.WarningRetryableBacklog)
        {
            warning.Add($"{c.OperationsRetryable} queued operations failed retryably (warning at {t.WarningRetryableBacklog})");
        }

        if (c.Operations > 0 && (double)c.PushConflicts / c.Operations >= t.WarningConflictRate)
        {
            warning.Add($"{Percent(c.PushConflicts, c.Operations)} of queued operations met a conflict " +
                $"({c.PushConflicts} of {c.Operations}; warning at {Percent(t.WarningConflictRate)})");
        }

        var sessions = c.ActiveSessions + c.StaleSessions;
        if (sessions > 0 && (double)c.StaleSessions / sessions >= t.WarningStaleSessionRate)
        {
            warning.Add($"{c.StaleSessions} of {sessions} device sessions are stale (warning at {Percent(t.WarningStaleSessionRate)})");
        }

        if (c.PendingNotifications >= t.WarningPendingNotifications)
        {
            warning.Add($"{c.PendingNotifications} notifications are not acknowledged (warning at {t.WarningPendingNotifications})");
        }

        var health = degraded.Count > 0 ? "degraded" : warning.Count > 0 ? "warning" : "healthy";
        return (health, [.. degraded, .. warning]);
    }

    private static void Rate(string what, long part, long whole, double warnAt, double degradeAt, List<string> warning, List<string> degraded)
    {
        if (whole == 0)
        {
            return;
        }

        var rate = (double)part / whole;
        if (rate >= degradeAt)
        {
            degraded.Add($"{Percent(part, whole)} {what} ({part} of {whole}; degraded at {Percent(degradeAt)})");
        }
        else if (rate >= warnAt && part > 0)
        {
            warning.Add($"{Percent(part, whole)} {what} ({part} of {whole}; warning at {Percent(warnAt)})");
        }
    }

    private static string Percent(long part, long whole) => Percent((double)part / whole);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
