using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FieldSync.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: started once per test process from the installed server binaries
/// (<c>initdb</c>, <c>pg_ctl</c>) in a temporary directory on a free 127.0.0.1 port — as the <c>postgres</c> user when
/// the tests run as root, since PostgreSQL refuses root — or taken from <c>FIELDSYNC_TEST_POSTGRES</c> when set.
/// Each caller gets its own fresh database.
/// </summary>
public static class PostgresCluster
{
    private static readonly Lazy<Task<string>> _server = new(StartAsync);

    /// <summary>A connection string to a new, empty database on the test cluster.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed and no server was given; says what to do.</exception>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await _server.Value;
        var name = "fs_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("FIELDSYNC_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them (Debian: apt-get install postgresql) " +
            "or set FIELDSYNC_TEST_POSTGRES to a connection string of a server the tests may create databases on.");
        RemoveStoppedClusters();
        var directory = Path.Combine(Path.GetTempPath(), ClusterPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", $"postgres {directory}", asPostgres: false);
        }

        var port = FreePort();
        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust --no-sync -E UTF8", asRoot);
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {data} -l {Path.Combine(directory, "log")} -o \"{options}\" -w start", asRoot);
        // The cluster and its files (about 800 MB after a server test run) go with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop", asRoot).Wait(TimeSpan.FromSeconds(20));
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"The test cluster's directory {directory} could not be removed: {e.Message}");
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";
    }

    private const string ClusterPrefix = "fieldsync-pg-";

    // A test process that was killed, or ended before its exit handler finished, leaves its stopped cluster behind (about
    // 800 MB): the next run removes every such directory that no server runs in (no postmaster.pid) and that is older than
    // any cluster still starting up.
    private static void RemoveStoppedClusters()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), ClusterPrefix + "*"))
        {
            if (File.Exists(Path.Combine(stale, "data", "postmaster.pid")) ||
                Directory.GetLastWriteTimeUtc(stale) > DateTime.UtcNow.AddMinutes(-10))
            {
                continue;
            }

            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"A stopped test cluster's directory {stale} could not be removed: {e.Message}");
            }
        }
    }

    private static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static async Task RunAsync(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
