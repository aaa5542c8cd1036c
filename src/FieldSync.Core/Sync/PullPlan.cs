using FieldSync.Core.Security;

namespace FieldSync.Core.Sync;

/// <summary>A checked pull request: what to read and how much.</summary>
internal sealed record PullPlan(
    SyncCaller Caller,
    string DeviceId,
    IReadOnlyList<string> Collections,
    long From,
    string ScopeTag,
    int PageLimit,
    int MaxPages,
    bool IncludeDeleted,
    DateTimeOffset? UpdatedAfter);
