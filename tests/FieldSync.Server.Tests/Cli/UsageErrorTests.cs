namespace FieldSync.Server.Tests.Cli;

// "Touches no data" is checked on the SQLite file; usage is refused before any storage is chosen.
[Trait("Storage", "SqliteOnly")]
public sealed class UsageErrorTests : IDisposable
{
    private readonly CliDataDirectory _directory = new();

    [Theory]
    [InlineData("--colour", "user", "add", "--id", "u-1", "--role", "health_worker", "--facility", "fac-1", "--colour", "blue")]
    [InlineData("--id", "user", "add", "--role", "health_worker", "--facility", "fac-1")]
    [InlineData("--id", "user", "add", "--id", "not an id", "--role", "health_worker", "--facility", "fac-1")]
    [InlineData("admin", "user", "add", "--id", "u-1", "--role", "admin", "--facility", "fac-1")]
    [InlineData("--facility", "user", "add", "--id", "u-1", "--role", "health_worker")]
    [InlineData("--user", "token")]
    [InlineData("--ttl", "token", "--user", "u-1", "--ttl", "5x")]
    [InlineData("--ttl", "token", "--user", "u-1", "--ttl", "0h")]
    [InlineData("--ttl", "token", "--user", "u-1", "--ttl", "tomorrow")]
    [InlineData("frobnicate", "frobnicate")]
    public async Task Usage_mistake_exits_2_says_what_is_wrong_and_touches_no_data(string named, params string[] args)
    {
        var run = await FieldSyncProcess.RunAsync(_directory.Root, [.. args, "--data", _directory.Data]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory.Data, "fieldsync.db")), "a refused command creates no database");
    }

    public void Dispose() => _directory.Dispose();
}
