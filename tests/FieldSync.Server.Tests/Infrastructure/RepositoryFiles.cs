namespace FieldSync.Server.Tests.Infrastructure;

/// <summary>Files of the repository the tests read, found by walking up to the solution file.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository root: the directory holding FieldSync.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped configuration.</summary>
    public static string Config => Path.Combine(Root, "config", "sync-configuration.json");

    private static string FindRoot()
    {
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
