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
/// The real server on a free loopback port with a temporary data directory, over a fresh SQLite file in it or, when
/// <c>FIELDSYNC_TEST_STORAGE=postgres</c>, a fresh PostgreSQL database (<see cref="TestStorage"/>). Every test class gets
/// its own, so no test depends on another's data.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private TestServer(WebApplication app, string dataDirectory, StoredDatabase database, Uri baseAddress)
    {
        (_app, DataDirectory, Database, BaseAddress) = (app, dataDirectory, database, baseAddress);
    }

    /// <summary>The data directory of this server.</summary>
    public string DataDirectory { get; }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The server's storage, for checks of what it stored.</summary>
    public ISyncStore Store => _app.Services.GetRequiredService<ISyncStore>();

    /// <summary>The server's database, for checks of what it stored with SQL that runs on SQLite and PostgreSQL alike.</summary>
    public StoredDatabase Database { get; }

    /// <summary>The path of the SQLite file; only for tests that are about SQLite itself (<c>Storage=SqliteOnly</c>).</summary>
    /// <exception cref="InvalidOperationException">The server runs on PostgreSQL.</exception>
    public string DatabasePath => Database.SqlitePath;

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

        var database = await TestStorage.CreateAsync(dataDirectory);
        var settings = new ServerSettings
        {
            DataDirectory = dataDirectory, ConfigFile = configFile, Urls = "http://127.0.0.1:0",
            Postgres = database.PostgresConnectionString,
        };
        var app = await FieldSyncApp.CreateAsync(settings, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, dataDirectory, database, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>The rows of a query on the server's database (see <see cref="StoredDatabase"/> for parameters and values).</summary>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(
        string sql, params (string Name, object? Value)[] parameters) =>
        Database.QueryAsync(sql, parameters);

    /// <summary>The single integer a query returns (a count, a version).</summary>
    public Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters) => Database.ScalarAsync(sql, parameters);

    /// <summary>Writes to the server's database behind its back, as another tool would; returns the rows changed.</summary>
    public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters) => Database.ExecuteAsync(sql, parameters);

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
        Database.ClearPools();
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
