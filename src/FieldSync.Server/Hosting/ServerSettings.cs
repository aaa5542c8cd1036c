namespace FieldSync.Server.Hosting;

/// <summary>Where the server keeps its state and what it reads at start: the shared options of every command.</summary>
public sealed class ServerSettings
{
    /// <summary>The data directory: the SQLite file, the token signing key. Default: <c>./data</c>.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The sync configuration file. Default: <c>config/sync-configuration.json</c>, else the copy beside the binary.</summary>
    public string ConfigFile { get; init; } = DefaultConfigFile();

    /// <summary>The URLs to listen on. Default: <c>http://127.0.0.1:5080</c>.</summary>
    public string Urls { get; init; } = Environment.GetEnvironmentVariable("FIELDSYNC_URLS") ?? "http://127.0.0.1:5080";

    /// <summary>A PostgreSQL connection string to use instead of SQLite (also <c>FIELDSYNC_POSTGRES</c>); null for SQLite.</summary>
    public string? Postgres { get; init; } = Environment.GetEnvironmentVariable("FIELDSYNC_POSTGRES") is { Length: > 0 } p ? p : null;

    /// <summary>The SQLite database file inside the data directory.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "fieldsync.db");

    /// <summary>The shipped configuration: the working directory's <c>config/</c>, else the copy beside the executable.</summary>
    public static string DefaultConfigFile()
    {
        var local = Path.Combine("config", "sync-configuration.json");
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "config", "sync-configuration.json");
    }
}
