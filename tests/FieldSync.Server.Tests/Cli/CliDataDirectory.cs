using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Cli;

/// <summary>
/// A fresh temporary directory for one CLI test: its data directory and any configuration file it writes, and the
/// database of the run's storage (<see cref="TestStorage"/>): the SQLite file in the data directory, or a fresh
/// PostgreSQL database that the commands are pointed at with <c>--postgres</c>.
/// </summary>
public sealed class CliDataDirectory : IDisposable
{
    private StoredDatabase? _database;

    /// <summary>The root of the temporary directory; also the working directory of the commands.</summary>
    public string Root { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "fieldsync-cli-tests", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The <c>--data</c> directory.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>The database the commands run on (created on first use).</summary>
    public async Task<StoredDatabase> DatabaseAsync() => _database ??= await TestStorage.CreateAsync(Data);

    /// <summary>The arguments that choose the storage: none for SQLite, <c>--postgres &lt;connection string&gt;</c> else.</summary>
    public async Task<string[]> StorageArgsAsync() =>
        (await DatabaseAsync()).PostgresConnectionString is { } postgres ? ["--postgres", postgres] : [];

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
        _database?.ClearPools();
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
