namespace FieldSync.Core.Security;

/// <summary>Who makes a request: the user named by the token, with role and facilities read from the user table.</summary>
public sealed record SyncCaller(string UserId, UserRole Role, FacilityScope Scope)
{
    /// <summary>The caller for a stored user.</summary>
    public static SyncCaller For(SyncUser user) => new(user.Id, user.Role, FacilityScope.For(user));
}
