using System.Diagnostics;
using System.Runtime.InteropServices;
using FieldSync.Benchmarks.Results;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks;

/// <summary>The versions a result depends on: runtime, SQLite, the FieldSync commit.</summary>
internal static class Versions
{
    public static void Collect(Report report, string root)
    {
        report.Version(".NET", RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal));
        using (var connection = new SqliteConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version()";
            report.Version("SQLite", (string)command.ExecuteScalar()!);
        }

        report.Version("FieldSync", Run("git", root, "rev-parse", "--short", "HEAD") ?? "unknown");
    }

    /// <summary>The first line a command prints, or null when it cannot run.</summary>
    public static string? Run(string file, string directory, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true,
                WorkingDirectory = directory };
            args.ToList().ForEach(info.ArgumentList.Add);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
