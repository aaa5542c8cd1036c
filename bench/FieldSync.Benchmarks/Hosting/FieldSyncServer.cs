namespace FieldSync.Benchmarks.Hosting;

/// <summary>
/// The real server, <c>fieldsync serve</c>, as a child process on 127.0.0.1 over a prepared data directory with the
/// shipped configuration: the executable the build copies beside the benchmark, with its own runtime settings
/// (server GC), so its memory is its own and nothing of the benchmark runs inside it.
/// </summary>
internal sealed class FieldSyncServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private FieldSyncServer(ChildProcess process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }

    public ChildProcess Process => _process;

    public static async Task<FieldSyncServer> StartAsync(string dataDirectory, string configFile)
    {
        var port = ChildProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "fieldsync.exe" : "fieldsync");
        var process = ChildProcess.Start(executable, ["serve", "--data", dataDirectory, "--config", configFile, "--urls", url]);
        var server = new FieldSyncServer(process, new Uri(url + "/"));
        try
        {
            await Health.WaitAsync(process, new Uri(server.Address, "health"), "fieldsync serve");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return server;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
