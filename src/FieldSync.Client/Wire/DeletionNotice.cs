namespace FieldSync.Client.Wire;

/// <summary>A document the server deleted, at the version of its tombstone.</summary>
internal sealed record DeletionNotice(string Collection, string Id, long Version);
