using System.Globalization;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// One real server for a property class, with a configuration of its own so the properties do not depend on the
/// shipped domain rules: four collections, one per conflict strategy that merges differently, no field rules, and a
/// rate limit no property reaches (a property sends thousands of requests). Every scenario works in facilities,
/// users and devices named after its own id, so scenarios never see each other's data.
/// </summary>
public sealed class PropertyServer : IAsyncLifetime
{
    /// <summary>The configuration the properties run with.</summary>
    public const string ConfigurationJson = """
        {
          "collections": {
            "patients": { "facilityField": "facility_id", "conflictStrategy": "merge_with_server_priority" },
            "notes": { "facilityField": "facility_id", "conflictStrategy": "field_level_merge" },
            "tasks": { "facilityField": "facility_id", "conflictStrategy": "server_wins" },
            "alerts": { "facilityField": "facility_id", "conflictStrategy": "client_wins" }
          },
          "pull": { "defaultPageLimit": 50, "maxPageLimit": 1000, "maxPages": 10 },
          "push": { "maxOperationsPerBatch": 500 },
          "requests": { "perUserPerMinute": 1000000 }
        }
        """;

    private TestServer? _server;
    private int _scenarios;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A fresh scenario id, e.g. <c>cv17</c>.</summary>
    public string NextScenario(string prefix) =>
        prefix + Interlocked.Increment(ref _scenarios).ToString(CultureInfo.InvariantCulture);

    /// <summary>Creates a health worker of <paramref name="facilities"/> and returns an HTTP client with their token.</summary>
    public async Task<HttpClient> ClientForNewUserAsync(string userId, params string[] facilities)
    {
        await Server.AddUserAsync(userId, UserRole.HealthWorker, facilities);
        return Server.Client(userId);
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await TestServer.StartAsync(ConfigurationJson);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
