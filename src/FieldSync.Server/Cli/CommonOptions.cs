using System.CommandLine;
using FieldSync.Server.Hosting;

namespace FieldSync.Server.Cli;

/// <summary>The options every command takes: where the data is and which configuration to read.</summary>
internal static class CommonOptions
{
    public static Option<string> Data { get; } = new("--data")
    {
        Description = "The data directory: the SQLite file and the token signing key",
        DefaultValueFactory = _ => "data",
        Recursive = true,
    };

    public static Option<string> Config { get; } = new("--config")
    {
        Description = "The sync configuration file (default: the shipped config/sync-configuration.json)",
        DefaultValueFactory = _ => ServerSettings.DefaultConfigFile(),
        Recursive = true,
    };

    public static Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A PostgreSQL connection string: use PostgreSQL instead of SQLite (also FIELDSYNC_POSTGRES)",
        Recursive = true,
    };

    public static ServerSettings Settings(ParseResult result, string? urls = null) => new()
    {
        DataDirectory = result.GetValue(Data)!,
        ConfigFile = result.GetValue(Config)!,
        Urls = urls ?? new ServerSettings().Urls,
        Postgres = result.GetValue(Postgres) ?? new ServerSettings().Postgres,
    };
}
