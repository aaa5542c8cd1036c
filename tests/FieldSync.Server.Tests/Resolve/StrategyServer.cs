using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Resolve;

/// <summary>
/// One server per test class whose <c>cases</c> collection is settled by one conflict strategy, so the tests do not
/// depend on the shipped configuration. Users: <c>worker-a</c> and <c>worker-b</c> of <c>fac-1</c>, <c>worker-z</c>
/// of <c>fac-2</c>.
/// </summary>
public abstract class StrategyServer(string strategy) : IAsyncLifetime
{
    /// <summary>The collection under test.</summary>
    public const string Collection = "cases";

    private TestServer? _server;

    /// <summary>The strategy's wire name.</summary>
    public string Strategy { get; } = strategy;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The configuration of the server: one collection with a few rules, settled by <paramref name="strategy"/>.</summary>
    public static string ConfigFor(string strategy) => $$"""
        {
          "collections": {
            "cases": {
              "facilityField": "facility_id",
              "conflictStrategy": "{{strategy}}",
              "fields": {
                "name": { "type": "string", "required": true, "minLength": 1, "maxLength": 40 },
                "note": { "type": "string", "maxLength": 200 },
                "count": { "type": "integer", "min": 0 }
              }
            }
          },
          "maxClockSkewSeconds": 120
        }
        """;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(ConfigFor(Strategy));
        await _server.AddUserAsync("worker-a", UserRole.HealthWorker, "fac-1");
        await _server.AddUserAsync("worker-b", UserRole.HealthWorker, "fac-1");
        await _server.AddUserAsync("worker-z", UserRole.HealthWorker, "fac-2");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
