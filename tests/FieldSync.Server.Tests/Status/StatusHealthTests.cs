using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Realtime;

namespace FieldSync.Server.Tests.Status;

/// <summary>
/// Health turns warning and degraded at the thresholds of the configuration, and the reasons say why. Each test starts
/// a server with thresholds it can cross one operation at a time.
/// </summary>
public sealed class StatusHealthTests : IAsyncDisposable
{
    private const string Facility = "fac-north";
    private TestServer? _server;

    [Fact]
    public async Task Rejected_operations_turn_health_warning_then_degraded_at_the_configured_failure_rates()
    {
        var (nurse, system) = await StartAsync(
            """{ "warningFailureRate": 0.25, "degradedFailureRate": 0.5, "warningConflictRate": 1.0 }""");
        await StatusApi.PushAsync(nurse, "tab-1", Patient(), Patient(), Patient());
        await AssertHealthAsync(system, "healthy");

        await StatusApi.PushAsync(nurse, "tab-1", StatusApi.InvalidPatient(Facility));

        var warning = await AssertHealthAsync(system, "warning", "of queued operations were not applied", "1 of 4", "warning at 25%");
        Assert.Single(warning["reasons"]!.AsArray());

        await StatusApi.PushAsync(nurse, "tab-1", StatusApi.InvalidPatient(Facility), StatusApi.InvalidPatient(Facility));

        var degraded = await AssertHealthAsync(system, "degraded", "of queued operations were not applied", "3 of 6", "degraded at 50%");
        Assert.Single(degraded["reasons"]!.AsArray());
    }

    [Fact]
    public async Task Push_conflicts_at_the_configured_rate_turn_health_warning()
    {
        var (nurse, system) = await StartAsync("""{ "warningConflictRate": 0.5 }""");
        var id = RealtimeApi.NewId("pat");
        await StatusApi.PushAsync(nurse, "tab-1", RealtimeApi.CreatePatient(id, Facility), StatusApi.Rename(id, "Binta", 1),
            StatusApi.Rename(id, "Chidi", 1));
        await AssertHealthAsync(system, "healthy");

        Assert.Equal(["conflict_resolved"], await StatusApi.PushAsync(nurse, "tab-1", StatusApi.Rename(id, "Dayo", 1)));

        await AssertHealthAsync(system, "warning", "of queued operations met a conflict", "2 of 4", "warning at 50%");
    }

    [Fact]
    public async Task Stale_sessions_at_the_configured_share_turn_health_warning()
    {
        const int window = 2;
        var (nurse, system) = await StartAsync("""{ "warningStaleSessionRate": 0.5 }""", window);
        await RealtimeApi.HeartbeatAsync(nurse, "tab-1");
        await RealtimeApi.HeartbeatAsync(nurse, "tab-2");
        await AssertHealthAsync(system, "healthy");
        await Task.Delay(TimeSpan.FromSeconds(window + 1));

        await RealtimeApi.HeartbeatAsync(nurse, "tab-2");

        var report = await AssertHealthAsync(system, "warning", "1 of 2 device sessions are stale", "warning at 50%");
        Assert.Equal([1, 1], StatusApi.Figures(report, "sessions.active", "sessions.stale"));
    }

    [Fact]
    public async Task Unacknowledged_notifications_at_the_configured_backlog_turn_health_warning_until_acknowledged()
    {
        var (nurse, system) = await StartAsync("""{ "warningPendingNotifications": 3 }""");
        await RealtimeApi.HeartbeatAsync(nurse, "tab-listening");
        await StatusApi.PushAsync(nurse, "tab-1", Patient(), Patient());
        await AssertHealthAsync(system, "healthy");

        await StatusApi.PushAsync(nurse, "tab-1", Patient());

        await AssertHealthAsync(system, "warning", "3 notifications are not acknowledged", "warning at 3");
        var first = (long)(await RealtimeApi.ListAsync(nurse, "tab-listening", pending: true))[0]["id"]!;
        Assert.Equal(1, await RealtimeApi.AcknowledgeAsync(nurse, "tab-listening", [first]));
        await AssertHealthAsync(system, "healthy");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<(HttpClient Nurse, HttpClient System)> StartAsync(string health, int heartbeatWindowSeconds = 300)
    {
        _server = await TestServer.StartAsync(StatusApi.Configuration(health, heartbeatWindowSeconds));
        return (_server.Client(await RealtimeApi.NewUserAsync(_server, UserRole.HealthWorker, Facility)),
            _server.Client(await RealtimeApi.NewUserAsync(_server, UserRole.System)));
    }

    private static async Task<JsonObject> AssertHealthAsync(HttpClient client, string health, params string[] reasonParts)
    {
        var report = await StatusApi.GetAsync(client);
        var reasons = StatusApi.Reasons(report);
        Assert.True(health == (string?)report["health"], $"expected {health}, got {report["health"]}: {reasons}");
        if (health == "healthy")
        {
            Assert.Empty(report["reasons"]!.AsArray());
        }

        Assert.All(reasonParts, part => Assert.Contains(part, reasons, StringComparison.Ordinal));
        return report;
    }

    private static JsonObject Patient() => RealtimeApi.CreatePatient(RealtimeApi.NewId("pat"), Facility);
}
