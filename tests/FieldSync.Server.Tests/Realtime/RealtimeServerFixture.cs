using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Realtime;

/// <summary>
/// One server per test class with <see cref="RealtimeApi.Configuration"/>; tests keep apart by fresh users and facilities.
/// </summary>
public sealed class RealtimeServerFixture : IAsyncLifetime
{
    private TestServer? _server;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(RealtimeApi.Configuration());

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
