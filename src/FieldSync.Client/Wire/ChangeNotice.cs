namespace FieldSync.Client.Wire;

/// <summary>A <c>change</c> event of the live connection.</summary>
internal sealed record ChangeNotice(string? Type, string? Collection, string? DocumentId, string? Action, long Version);
