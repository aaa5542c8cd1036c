using System.Runtime.CompilerServices;

namespace FieldSync.Server.Tests.Infrastructure;

/// <summary>Files of the repository the tests read, found by walking up to the solution file.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the directory holding FieldSync.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped configuration.</summary>
    public static string Config => Path.Combine(Root, "config", "sync-configuration.json");

    // Builds with --artifacts-path put the test assembly outside the repository, so the source file's own location is
    // the fallback.
    private static string FindRoot() =>
        FindAbove(AppContext.BaseDirectory) ?? FindAbove(Path.GetDirectoryName(SourceFile())!)
        ?? throw new InvalidOperationException("FieldSync.slnx not found above " + AppContext.BaseDirectory + " or " + SourceFile());

    private static string? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FieldSync.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}
