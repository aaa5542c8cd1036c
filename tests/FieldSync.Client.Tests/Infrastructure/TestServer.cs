using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Server.Auth;
using FieldSync.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>
/// The real server on a free loopback port over a fresh SQLite file in a temporary directory, with the shipped
/// configuration; devices keep their own SQLite files under the same directory. Every test class gets its own.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _system;
    private int _names;

    private TestServer(WebApplication app, string directory, Uri baseAddress)
    {
        (_app, Directory, BaseAddress) = (app, directory, baseAddress);
        _system = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The temporary directory of the server's data and the devices' files.</summary>
    public string Directory { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's storage, for seeding many documents at once.</summary>
    public ISyncStore Store => _app.Services.GetRequiredService<ISyncStore>();

    /// <summary>The server's SQLite file.</summary>
    public string DatabasePath => Path.Combine(Directory, "data", "fieldsync.db");

    /// <summary>Starts a server with the shipped configuration.</summary>
    public static async Task<TestServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fieldsync-client-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "devices"));
        var settings = new ServerSettings
        {
            DataDirectory = Path.Combine(directory, "data"), ConfigFile = RepositoryFiles.Config, Urls = "http://127.0.0.1:0",
        };
        var app = await FieldSyncApp.CreateAsync(settings, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestServer(app, directory, new Uri(address.TrimEnd('/') + "/"));
        await server.AddUserAsync("system-view", UserRole.System);
        server._system.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.TokenFor("system-view"));
        return server;
    }

    /// <summary>A fresh name with a readable prefix, so tests sharing a server never share users, facilities or files.</summary>
    public string NewName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _names)}-{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    /// <summary>Creates (or replaces) a user in the server's user table.</summary>
    public Task AddUserAsync(string id, UserRole role, params string[] facilities) =>
        Store.SaveUserAsync(new SyncUser(id, role, facilities), CancellationToken.None);

    /// <summary>A new health worker of a new facility (or of <paramref name="facility"/>).</summary>
    public async Task<(string User, string Facility)> NewWorkerAsync(string? facility = null)
    {
        var user = NewName("nurse");
        facility ??= NewName("fac");
        await AddUserAsync(user, UserRole.HealthWorker, facility);
        return (user, facility);
    }

    /// <summary>A signed token for the user, valid for an hour.</summary>
    public string TokenFor(string userId) =>
        _app.Services.GetRequiredService<TokenIssuer>().Issue(userId, TimeSpan.FromHours(1));

    /// <summary>A path for a device's SQLite file in this server's directory.</summary>
    public string DevicePath(string device) => Path.Combine(Directory, "devices", device + ".db");

    /// <summary>Options for a device of <paramref name="userId"/> with its own file, talking through <paramref name="handler"/> if given.</summary>
    public FieldSyncClientOptions OptionsFor(string userId, string device, HttpMessageHandler? handler = null)
    {
        var token = TokenFor(userId);
        return new FieldSyncClientOptions
        {
            ServerUrl = BaseAddress, DeviceId = device, DatabasePath = DevicePath(device), AccessToken = () => token,
            Collections = ["patients", "immunization_records"], HttpMessageHandler = handler,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200), MaxRetryAttempts = 5,
        };
    }

    /// <summary>
    /// What a system user sees of <paramref name="collection"/> after pulling it from the start to the end: the live
    /// documents of <paramref name="facilities"/>, by id.
    /// </summary>
    public async Task<Dictionary<string, JsonObject>> ServerDocumentsAsync(string collection, params string[] facilities)
    {
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? checkpoint = null;
        bool more;
        do
        {
            using var response = await _system.PostAsJsonAsync("v1/sync/pull", new
            {
                deviceId = "system-view", collections = new[] { collection }, checkpoint, pageLimit = 1000,
            });
            response.EnsureSuccessStatusCode();
            var page = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            foreach (var document in page["documents"]!.AsArray().Select(d => d!.AsObject()))
            {
                if (facilities.Contains((string?)document["facility_id"]))
                {
                    documents[(string)document["$id"]!] = document.DeepClone().AsObject();
                }
            }

            foreach (var deletion in page["deletions"]!.AsArray())
            {
                documents.Remove((string)deletion!["id"]!);
            }

            checkpoint = (string?)page["checkpoint"];
            more = (bool)page["hasMore"]!;
        }
        while (more);
        return documents;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _system.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
