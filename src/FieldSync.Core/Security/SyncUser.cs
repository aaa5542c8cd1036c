namespace FieldSync.Core.Security;

/// <summary>A user of the server's user table: their role and the facilities they are a member of.</summary>
public sealed record SyncUser(string Id, UserRole Role, IReadOnlyList<string> Facilities);
