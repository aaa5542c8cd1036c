using System.Runtime.CompilerServices;

namespace FieldSync.Core.Tests;

/// <summary>Finds files of the repository from the test assembly, wherever the build put it.</summary>
internal static class RepositoryRoot
{
    public static string Directory { get; } = Find();

    public static string ShippedConfiguration => Path.Combine(Directory, "config", "sync-configuration.json");

    // A build with --artifacts-path puts the test assembly outside the repository; the source file's location is the fallback.
    private static string Find() =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(Path.GetDirectoryName(SourceFile())!)
        ?? throw new InvalidOperationException($"No FieldSync.slnx above {AppContext.BaseDirectory} or {SourceFile()}.");

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FieldSync.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
