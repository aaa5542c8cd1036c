namespace FieldSync.Core.Security;

/// <summary>The facilities whose documents a caller may read and write.</summary>
public sealed class FacilityScope
{
    private readonly HashSet<string> _facilities;

    private FacilityScope(bool all, IEnumerable<string> facilities)
    {
        IsAll = all;
        _facilities = new HashSet<string>(facilities, StringComparer.Ordinal);
    }

    /// <summary>Every facility, for <see cref="UserRole.System"/>.</summary>
    public static FacilityScope All { get; } = new(true, []);

    /// <summary>True when the scope holds every facility.</summary>
    public bool IsAll { get; }

    /// <summary>The facilities of a limited scope; empty for <see cref="All"/>.</summary>
    public IReadOnlyCollection<string> Facilities => _facilities;

    /// <summary>A scope of the given facilities.</summary>
    public static FacilityScope Of(IEnumerable<string> facilities) => new(false, facilities);

    /// <summary>The scope of a user: every facility for <c>system</c>, else their memberships.</summary>
    public static FacilityScope For(SyncUser user) => user.Role == UserRole.System ? All : Of(user.Facilities);

    /// <summary>Whether documents of <paramref name="facilityId"/> are in scope.</summary>
    public bool Contains(string facilityId) => IsAll || _facilities.Contains(facilityId);
}
