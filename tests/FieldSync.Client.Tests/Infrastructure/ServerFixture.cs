namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>One real server per test class (xUnit class fixture).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
