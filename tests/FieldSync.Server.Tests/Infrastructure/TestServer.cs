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

namespace FieldSync.Server.Tests.Infrastructure;

/// <summary>
/// The real server on a free loopback port over a fresh SQLite file in a temporary data directory. Every test class
/// gets its own, so no test depends on another's data.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private TestServer(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        (_app, DataDirectory, BaseAddress) = (app, dataDirectory, baseAddress);
    }

    /// <summary>The data directory of this server.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's storage, for checks of what it stored.</summary>
    public ISyncStore Store => _app.Services.GetRequiredService<ISyncStore>();

    /// <summary>The path of the SQLite file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, "fieldsync.db");

    /// <summary>Starts a server with the shipped configuration, or with <paramref name="configJson"/> when given.</summary>
    public static async Task<TestServer> StartAsync(string? configJson = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "fieldsync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var configFile = RepositoryFiles.Config;
        if (configJson is not null)
        {
            configFile = Path.Combine(dataDirectory, "sync-configuration.json");
            await File.WriteAllTextAsync(configFile, configJson);
        }

        var settings = new ServerSettings { DataDirectory = dataDirectory, ConfigFile = configFile, Urls = "http://127.0.0.1:0" };
        var app = await FieldSyncApp.CreateAsync(settings, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, dataDirectory, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Creates (or replaces) a user in the server's user table.</summary>
    public Task AddUserAsync(string id, UserRole role, params string[] facilities) =>
        Store.SaveUserAsync(new SyncUser(id, role, facilities), CancellationToken.None);

    /// <summary>A signed token for the user, valid for <paramref name="lifetime"/> (default one hour).</summary>
    public string TokenFor(string userId, TimeSpan? lifetime = null) =>
        _app.Services.GetRequiredService<TokenIssuer>().Issue(userId, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>An HTTP client with the user's bearer token, or without one when <paramref name="userId"/> is null.</summary>
    public HttpClient Client(string? userId)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId));
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Posts JSON and returns the status and the parsed body (null when empty).</summary>
    public static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
