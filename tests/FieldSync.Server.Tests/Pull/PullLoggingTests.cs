using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>Every pull is recorded in <c>sync_operations</c> for the status monitor.</summary>
public sealed class PullLoggingTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Every_pull_writes_one_sync_operations_row_with_the_device_user_and_documents_sent()
    {
        var facility = NewId("fac");
        var user = await NewUserAsync(Server, Core.Security.UserRole.HealthWorker, facility);
        var client = Server.Client(user);
        await SeedPatientsAsync(client, facility, 5);
        var device = NewId("tab");

        var run = await PullToEndAsync(client, device, pageLimit: 3);
        await PullAsync(client, new JsonObject { ["deviceId"] = device, ["checkpoint"] = run.Checkpoint });

        var rows = await Server.QueryAsync("SELECT * FROM sync_operations WHERE device_id = @d ORDER BY id", ("@d", device));
        Assert.Equal(3, rows.Count);
        Assert.Equal([3L, 2L, 0L], rows.Select(r => (long)r["documents_sent"]!));
        Assert.All(rows, r =>
        {
            Assert.Equal(user, r["user_id"]);
            Assert.Equal("pull", r["operation"]);
            Assert.Equal("success", r["status"]);
        });
        Assert.Equal(0, await Server.ScalarAsync(
            "SELECT COUNT(*) FROM sync_operations WHERE user_id = @u AND device_id <> @d AND operation = 'pull'",
            ("@u", user), ("@d", device)));
    }
}
