namespace FieldSync.Core.Documents;

/// <summary>When a field was last changed: the document version of the change and its (server-clamped) edit time.</summary>
public readonly record struct FieldEdit(long Version, DateTimeOffset EditedAt);
