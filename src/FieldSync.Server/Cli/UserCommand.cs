using System.CommandLine;
using FieldSync.Core.Security;
using FieldSync.Core.Sync;
using FieldSync.Server.Hosting;

namespace FieldSync.Server.Cli;

/// <summary><c>fieldsync user add --id ID --role ROLE --facility F [--facility F2 …]</c>.</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var id = new Option<string>("--id") { Description = "The user id (the token's sub)", Required = true };
        var role = new Option<string>("--role") { Description = "health_worker, facility_admin or system", Required = true };
        role.AcceptOnlyFromAmong("health_worker", "facility_admin", "system");
        var facilities = new Option<string[]>("--facility")
        {
            Description = "A facility the user is a member of; repeat for several",
            AllowMultipleArgumentsPerToken = false,
        };
        var add = new Command("add", "Create a user or replace their role and facilities") { id, role, facilities };
        add.Validators.Add(r =>
        {
            if (!RequestGuards.IsId(r.GetValue(id)))
            {
                r.AddError("--id must be 1 to 128 letters, digits or . _ : - characters.");
            }

            // The raw token, not GetValue: a role outside the accepted names has no value and GetValue would throw.
            var roleName = r.GetResult(role)?.Tokens.FirstOrDefault()?.Value;
            if (roleName != "system" && (r.GetValue(facilities) ?? []).Length == 0)
            {
                r.AddError("--facility is required (at least one) for health_worker and facility_admin.");
            }
        });
        add.SetAction(async (result, cancellationToken) =>
        {
            var settings = CommonOptions.Settings(result);
            UserRoles.TryParse(result.GetValue(role), out var parsedRole);
            var user = new SyncUser(result.GetValue(id)!, parsedRole, result.GetValue(facilities) ?? []);
            await using var store = StorageSetup.CreateForTools(settings);
            await store.InitializeAsync(cancellationToken);
            await store.SaveUserAsync(user, cancellationToken);
            Console.WriteLine($"user {user.Id}: {UserRoles.ToName(user.Role)} of {(user.Facilities.Count == 0 ? "all facilities" : string.Join(", ", user.Facilities))}");
            return 0;
        });
        return new Command("user", "Manage users") { add };
    }
}
