namespace FieldSync.Client.Storage;

/// <summary>What one pull page brought.</summary>
internal readonly record struct PageOutcome(int Documents, int Deletions);
