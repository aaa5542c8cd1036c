using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Realtime;

namespace FieldSync.Server.Tests.Status;

/// <summary>
/// A server with a fixed morning of work in two facilities, which the scope tests only read:
/// <list type="bullet">
/// <item>north: <c>nurse-n1</c> (device <c>tab-n1</c>, one batch of two creates, one pull) and <c>nurse-n2</c>
/// (device <c>tab-n2</c>, one batch of a create and its delete, one pull); admin <c>admin-n</c>;</item>
/// <item>south: <c>nurse-s</c> (device <c>tab-s</c>, one batch of three creates, an update and a conflicting update,
/// one pull); admin <c>admin-s</c>;</item>
/// <item><c>root</c>, a system user.</item>
/// </list>
/// All three devices heartbeat first, so every change notifies the active devices of its facility.
/// </summary>
public sealed class StatusScopeFixture : IAsyncLifetime
{
    public const string North = "fac-north";
    public const string South = "fac-south";

    private TestServer? _server;

    /// <summary>The running server.</summary>
    public TestServer Server => _server ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A client with the token of one of the fixture's users.</summary>
    public HttpClient Client(string userId) => Server.Client(userId);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(StatusApi.Configuration());
        await _server.AddUserAsync("nurse-n1", UserRole.HealthWorker, North);
        await _server.AddUserAsync("nurse-n2", UserRole.HealthWorker, North);
        await _server.AddUserAsync("nurse-s", UserRole.HealthWorker, South);
        await _server.AddUserAsync("admin-n", UserRole.FacilityAdmin, North);
        await _server.AddUserAsync("admin-s", UserRole.FacilityAdmin, South);
        await _server.AddUserAsync("root", UserRole.System);
        var (n1, n2, s) = (Client("nurse-n1"), Client("nurse-n2"), Client("nurse-s"));
        await RealtimeApi.HeartbeatAsync(n1, "tab-n1");
        await RealtimeApi.HeartbeatAsync(n2, "tab-n2");
        await RealtimeApi.HeartbeatAsync(s, "tab-s");

        await RealtimeApi.PushAsync(n1, "tab-n1", Patient(North), Patient(North));
        var removed = RealtimeApi.NewId("pat");
        await RealtimeApi.PushAsync(n2, "tab-n2", RealtimeApi.CreatePatient(removed, North),
            RealtimeApi.Operation("delete", "patients", removed, null));
        var edited = RealtimeApi.NewId("pat");
        Assert.Equal(["applied", "applied", "applied", "applied", "conflict_resolved"], await StatusApi.PushAsync(s, "tab-s",
            RealtimeApi.CreatePatient(edited, South), Patient(South), Patient(South), StatusApi.Rename(edited, "Binta", 1),
            StatusApi.Rename(edited, "Chidi", 1)));
        await StatusApi.PullAsync(n1, "tab-n1");
        await StatusApi.PullAsync(n2, "tab-n2");
        await StatusApi.PullAsync(s, "tab-s");
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static JsonObject Patient(string facility) => RealtimeApi.CreatePatient(RealtimeApi.NewId("pat"), facility);
}
