using FieldSync.Core.Security;

namespace FieldSync.Core.Storage;

/// <summary>Which changes a pull page reads.</summary>
/// <param name="Collections">The collections to read; never empty.</param>
/// <param name="Scope">The facilities the caller may see.</param>
/// <param name="AfterSequence">Only changes with a greater sequence.</param>
/// <param name="Limit">The most documents to return.</param>
/// <param name="IncludeDeleted">Whether tombstones are returned (not on a device's very first pull).</param>
/// <param name="UpdatedAfter">Only documents changed after this server time, for clients that keep only a time.</param>
public sealed record ChangeQuery(
    IReadOnlyList<string> Collections,
    FacilityScope Scope,
    long AfterSequence,
    int Limit,
    bool IncludeDeleted,
    DateTimeOffset? UpdatedAfter);
