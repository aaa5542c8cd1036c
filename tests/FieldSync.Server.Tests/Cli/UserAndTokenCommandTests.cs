using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FieldSync.Server.Tests.Cli;

public sealed class UserAndTokenCommandTests : IDisposable
{
    private const string Config = """
        { "collections": { "patients": { "fields": { "first_name": { "type": "string", "required": true } } } } }
        """;

    private readonly CliDataDirectory _directory = new();

    [Fact]
    public async Task Token_of_an_added_user_is_accepted_by_the_server_serving_the_same_data_directory()
    {
        var added = await RunAsync(
            "user", "add", "--id", "nurse-1", "--role", "health_worker", "--facility", "fac-1", "--facility", "fac-2");
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Contains("nurse-1", added.Stdout, StringComparison.Ordinal);

        var issued = await RunAsync("token", "--user", "nurse-1", "--ttl", "2h");
        Assert.True(issued.ExitCode == 0, issued.Stderr);
        var token = issued.Stdout.Trim();
        var parsed = new JsonWebToken(token);
        Assert.Equal("nurse-1", parsed.Subject);
        Assert.InRange(parsed.ValidTo, DateTime.UtcNow.AddMinutes(110), DateTime.UtcNow.AddMinutes(121));

        var port = FreePort();
        var configFile = _directory.Write("config.json", Config);
        await using var server = FieldSyncProcess.Start(_directory.Root,
            ["serve", "--data", _directory.Data, "--config", configFile, "--urls", $"http://127.0.0.1:{port}",
            .. await _directory.StorageArgsAsync()]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(server, client);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var pull = await client.PostAsJsonAsync("v1/sync/pull", new { deviceId = "tab-1" });
        Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        using var push = await client.PostAsJsonAsync("v1/sync/push", new
        {
            deviceId = "tab-1",
            queuedOperations = new[]
            {
                new { opId = "op-1", type = "create", collection = "patients", documentId = "pat-1",
                    data = new JsonObject { ["facility_id"] = "fac-2", ["first_name"] = "Amina" } },
            },
        });
        var pushed = JsonNode.Parse(await push.Content.ReadAsStringAsync())!;
        Assert.Equal("applied", (string?)pushed["results"]![0]!["status"]);
    }

    [Fact]
    public async Task Token_is_refused_by_a_server_with_another_data_directory()
    {
        Assert.Equal(0, (await RunAsync("user", "add", "--id", "nurse-1", "--role", "health_worker", "--facility", "fac-1")).ExitCode);
        var token = (await RunAsync("token", "--user", "nurse-1")).Stdout.Trim();
        using var other = new CliDataDirectory();
        string[] otherStorage = await other.StorageArgsAsync();
        Assert.Equal(0, (await FieldSyncProcess.RunAsync(other.Root,
            ["user", "add", "--data", other.Data, "--id", "nurse-1", "--role", "health_worker", "--facility", "fac-1", .. otherStorage]))
            .ExitCode);

        var port = FreePort();
        await using var server = FieldSyncProcess.Start(other.Root,
            ["serve", "--data", other.Data, "--config", other.Write("config.json", Config), "--urls", $"http://127.0.0.1:{port}",
            .. otherStorage]);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync(server, client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var pull = await client.PostAsJsonAsync("v1/sync/pull", new { deviceId = "tab-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
    }

    [Fact]
    public async Task Token_for_an_unknown_user_exits_1_and_says_how_to_add_the_user()
    {
        var run = await RunAsync("token", "--user", "ghost");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout.Trim());
        Assert.Contains("ghost", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("fieldsync user add --id ghost", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_add_again_replaces_the_role_and_facilities()
    {
        Assert.Equal(0, (await RunAsync("user", "add", "--id", "u-1", "--role", "health_worker", "--facility", "fac-1")).ExitCode);

        var again = await RunAsync("user", "add", "--id", "u-1", "--role", "system");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("system", again.Stdout, StringComparison.Ordinal);
        var rows = await (await _directory.DatabaseAsync()).QueryAsync(
            "SELECT u.role, COUNT(m.facility_id) AS facilities FROM users u "
            + "LEFT JOIN facility_memberships m ON m.user_id = u.id GROUP BY u.id");
        Assert.Equal("system", Assert.Single(rows)["role"]);
        Assert.Equal(0L, rows[0]["facilities"]);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        await FieldSyncProcess.RunAsync(_directory.Root, [.. args, "--data", _directory.Data, .. await _directory.StorageArgsAsync()]);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Start-up time is not under test: wait (with a hang guard) until the health endpoint answers.
    private static async Task WaitUntilServingAsync(FieldSyncProcess server, HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "fieldsync serve exited: " + server.Stderr);
            try
            {
                using var health = await client.GetAsync("health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException("fieldsync serve did not answer /health; stderr: " + server.Stderr);
    }
}
