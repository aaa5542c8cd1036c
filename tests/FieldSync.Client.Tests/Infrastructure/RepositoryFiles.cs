using System.Reflection;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>Files of the repository the tests read, found through the root recorded at build time.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the directory holding FieldSync.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped configuration.</summary>
    public static string Config => Path.Combine(Root, "config", "sync-configuration.json");

    private static string FindRoot()
    {
        var recorded = typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "FieldSync.slnx")))
        {
            return recorded;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FieldSync.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("FieldSync.slnx not found above " + AppContext.BaseDirectory);
    }
}
