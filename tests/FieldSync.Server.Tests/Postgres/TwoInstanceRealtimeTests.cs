using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Cli;
using FieldSync.Testing;

namespace FieldSync.Server.Tests.Postgres;

/// <summary>
/// Two <c>fieldsync serve</c> processes on one PostgreSQL database, as two instances behind a load balancer: a device
/// listening on one hears a change pushed through the other, and a device of another facility does not.
/// </summary>
[Trait("Storage", "Postgres")]
public sealed class TwoInstanceRealtimeTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fieldsync-two-instances", Guid.NewGuid().ToString("N"));
    private readonly List<FieldSyncProcess> _processes = [];
    private string _postgres = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _postgres = await PostgresCluster.CreateDatabaseAsync();
        await CliAsync("user", "add", "--id", "nurse-a", "--role", "health_worker", "--facility", "fac-a");
        await CliAsync("user", "add", "--id", "nurse-b", "--role", "health_worker", "--facility", "fac-b");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_change_pushed_through_one_instance_reaches_a_listener_on_the_other()
    {
        var first = await ServeAsync();
        var second = await ServeAsync();
        using var writer = Client(first, await TokenAsync("nurse-a"));
        using var listenerA = Client(second, await TokenAsync("nurse-a"));
        using var listenerB = Client(second, await TokenAsync("nurse-b"));
        await using var sameFacility = await SseListener.OpenAsync(listenerA, "tab-listener-a");
        await using var otherFacility = await SseListener.OpenAsync(listenerB, "tab-listener-b");

        var pushed = Stopwatch.StartNew();
        await PushPatientAsync(writer, "pat-1", "fac-a");
        var change = await sameFacility.NextChangeAsync(TimeSpan.FromSeconds(10));
        var latency = pushed.Elapsed;

        Assert.Equal(("patients", "pat-1", "fac-a"), ((string?)change["collection"], (string?)change["documentId"], (string?)change["facilityId"]));
        // A later change of its own facility reaches the other listener; the first one never did.
        using var writerB = Client(first, await TokenAsync("nurse-b"));
        await PushPatientAsync(writerB, "pat-2", "fac-b");
        var own = await otherFacility.NextChangeAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("pat-2", (string?)own["documentId"]);
        Console.WriteLine($"cross-instance delivery took {latency.TotalMilliseconds:F0} ms (push request included)");
    }

    private async Task<Uri> ServeAsync()
    {
        var port = FreePort();
        var process = FieldSyncProcess.Start(_data, "--data", _data, "--postgres", _postgres, "serve", "--urls", $"http://127.0.0.1:{port}");
        _processes.Add(process);
        var address = new Uri($"http://127.0.0.1:{port}/");
        using var probe = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            Assert.False(process.HasExited, $"fieldsync serve exited: {process.Stderr}{process.Stdout}");
            try
            {
                if ((await probe.GetAsync("health")).IsSuccessStatusCode)
                {
                    return address;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"fieldsync serve did not become healthy: {process.Stderr}");
    }

    private async Task CliAsync(params string[] args)
    {
        var (code, stdout, stderr) = await FieldSyncProcess.RunAsync(_data, ["--data", _data, "--postgres", _postgres, .. args]);
        Assert.True(code == 0, $"fieldsync {string.Join(' ', args)} exited {code}: {stderr}{stdout}");
    }

    private async Task<string> TokenAsync(string user)
    {
        var (code, stdout, stderr) = await FieldSyncProcess.RunAsync(_data, "--data", _data, "--postgres", _postgres, "token", "--user", user);
        Assert.True(code == 0, stderr);
        return stdout.Trim();
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task PushPatientAsync(HttpClient client, string id, string facility)
    {
        using var response = await client.PostAsJsonAsync("v1/sync/push", new
        {
            deviceId = "tab-writer-" + facility,
            queuedOperations = new[]
            {
                new
                {
                    opId = "op-" + id, type = "create", collection = "patients", documentId = id,
                    data = new { facility_id = facility, first_name = "Amina", last_name = "Okafor", date_of_birth = "2025-01-02", sex = "female" },
                },
            },
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("applied", (string?)body["results"]![0]!["status"]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
