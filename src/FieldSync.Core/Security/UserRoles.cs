namespace FieldSync.Core.Security;

/// <summary>The wire names of <see cref="UserRole"/>: <c>health_worker</c>, <c>facility_admin</c>, <c>system</c>.</summary>
public static class UserRoles
{
    /// <summary>The wire name of a role.</summary>
    public static string ToName(UserRole role) => role switch
    {
        UserRole.HealthWorker => "health_worker",
        UserRole.FacilityAdmin => "facility_admin",
        UserRole.System => "system",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? name, out UserRole role)
    {
        (var ok, role) = name switch
        {
            "health_worker" => (true, UserRole.HealthWorker),
            "facility_admin" => (true, UserRole.FacilityAdmin),
            "system" => (true, UserRole.System),
            _ => (false, UserRole.HealthWorker),
        };
        return ok;
    }
}
