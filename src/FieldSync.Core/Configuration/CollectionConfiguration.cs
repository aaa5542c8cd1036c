namespace FieldSync.Core.Configuration;

/// <summary>How one collection is scoped, synced, merged and validated.</summary>
public sealed class CollectionConfiguration
{
    /// <summary>The document field that names the facility that owns the document. Default: <c>facility_id</c>.</summary>
    public string FacilityField { get; init; } = "facility_id";

    /// <summary>Whether devices pull this collection when they name no collections. Default: true.</summary>
    public bool Synced { get; init; } = true;

    /// <summary>How conflicting updates are settled. Default: <see cref="ConflictStrategy.MergeWithServerPriority"/>.</summary>
    public ConflictStrategy ConflictStrategy { get; init; } = ConflictStrategy.MergeWithServerPriority;

    /// <summary>Validation rules by field name. Fields not named here are accepted as they are.</summary>
    public IReadOnlyDictionary<string, FieldRule> Fields { get; init; } = new Dictionary<string, FieldRule>();

    /// <summary>Immunization schedule checks for this collection, or null for none.</summary>
    public ScheduleRule? Schedule { get; init; }
}
