namespace FieldSync.Benchmarks;

/// <summary>Finds the repository root (the folder of <c>FieldSync.slnx</c>) from the working directory or the binary.</summary>
internal static class Repository
{
    public static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FieldSync.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("FieldSync.slnx not found above the working directory; run from the repository.");
    }
}
