namespace FieldSync.Core.Configuration;

/// <summary>The validation rules of one document field. Every rule is optional; an absent rule does not apply.</summary>
public sealed class FieldRule
{
    /// <summary>The JSON type the value must have. Default: <see cref="FieldType.Any"/>.</summary>
    public FieldType Type { get; init; } = FieldType.Any;

    /// <summary>The field must be present and not null. Default: false.</summary>
    public bool Required { get; init; }

    /// <summary>The value must be one of these strings.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>Smallest allowed number.</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed number.</summary>
    public double? Max { get; init; }

    /// <summary>Shortest allowed string.</summary>
    public int? MinLength { get; init; }

    /// <summary>Longest allowed string.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression the whole string must match.</summary>
    public string? Pattern { get; init; }

    /// <summary>A date or date-time that must not lie after the server's today. Default: false.</summary>
    public bool NotInFuture { get; init; }

    /// <summary>The collection whose live document, in the same facility, this field's value must name.</summary>
    public string? References { get; init; }
}
