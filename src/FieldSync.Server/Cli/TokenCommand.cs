using System.CommandLine;
using System.Globalization;
using FieldSync.Server.Auth;
using FieldSync.Server.Hosting;

namespace FieldSync.Server.Cli;

/// <summary><c>fieldsync token --user ID [--ttl 24h]</c>.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user the token names", Required = true };
        var ttl = new Option<TimeSpan>("--ttl")
        {
            Description = "How long the token is valid: 30m, 24h, 7d",
            DefaultValueFactory = _ => TimeSpan.FromHours(24),
            CustomParser = r => ParseDuration(r.Tokens.Single().Value, r),
        };
        var command = new Command("token", "Print a bearer token for a user") { user, ttl };
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = CommonOptions.Settings(result);
            var userId = result.GetValue(user)!;
            await using var store = StorageSetup.CreateForTools(settings);
            await store.InitializeAsync(cancellationToken);
            if (await store.FindUserAsync(userId, cancellationToken) is null)
            {
                await Console.Error.WriteLineAsync(
                    $"fieldsync: there is no user '{userId}' in {settings.DataDirectory}; add one with `fieldsync user add --id {userId} --role ROLE --facility F`.");
                return 1;
            }

            Console.WriteLine(new TokenIssuer(JwtKey.Load(settings.DataDirectory), TimeProvider.System).Issue(userId, result.GetValue(ttl)));
            return 0;
        });
        return command;
    }

    private static TimeSpan ParseDuration(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }

        result.AddError($"--ttl '{text}' is not a duration; write a positive number followed by s, m, h or d, e.g. 24h.");
        return default;
    }
}
