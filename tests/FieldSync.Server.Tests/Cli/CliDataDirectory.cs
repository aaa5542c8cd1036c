namespace FieldSync.Server.Tests.Cli;

/// <summary>A fresh temporary directory for one CLI test: its data directory and any configuration file it writes.</summary>
public sealed class CliDataDirectory : IDisposable
{
    /// <summary>The root of the temporary directory; also the working directory of the commands.</summary>
    public string Root { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "fieldsync-cli-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The <c>--data</c> directory.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>Writes a file in the root and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
