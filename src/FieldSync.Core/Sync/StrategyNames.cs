using FieldSync.Core.Configuration;

namespace FieldSync.Core.Sync;

/// <summary>The wire names of conflict strategies, as the configuration writes them.</summary>
public static class StrategyNames
{
    /// <summary>The snake_case name of a strategy, e.g. <c>merge_with_server_priority</c>.</summary>
    public static string ToName(ConflictStrategy strategy) => strategy switch
    {
        ConflictStrategy.ServerWins => "server_wins",
        ConflictStrategy.ClientWins => "client_wins",
        ConflictStrategy.MergeWithServerPriority => "merge_with_server_priority",
        ConflictStrategy.MergeWithClientPriority => "merge_with_client_priority",
        ConflictStrategy.FieldLevelMerge => "field_level_merge",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown strategy"),
    };
}
