using System.CommandLine;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;

namespace FieldSync.Server.Cli;

/// <summary>The <c>fieldsync</c> command line: <c>serve</c>, <c>user add</c>, <c>token</c>.</summary>
public static class FieldSyncCommand
{
    /// <summary>Exit code of a usage mistake.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("FieldSync: offline-first sync server for clinic health records");
        root.Options.Add(CommonOptions.Data);
        root.Options.Add(CommonOptions.Config);
        root.Options.Add(CommonOptions.Postgres);
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(UserCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"fieldsync: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run `fieldsync --help` for usage.");
            return UsageError;
        }

        try
        {
            return await parsed.InvokeAsync();
        }
        catch (ConfigurationException e)
        {
            await Console.Error.WriteLineAsync($"fieldsync: bad configuration: {e.Message}");
            return 1;
        }
        catch (StorageException e)
        {
            await Console.Error.WriteLineAsync($"fieldsync: storage failed: {e.Message}. Check --data and its permissions.");
            return 1;
        }
    }
}
