namespace FieldSync.Core.Configuration;

/// <summary>How long log rows are kept.</summary>
public sealed class RetentionSettings
{
    /// <summary>Days a log row is kept before the server removes it. Default: 400 (a year, with room).</summary>
    public int LogRetentionDays { get; init; } = 400;
}
