using System.Net;
using System.Net.Http.Json;
using FieldSync.Core.Configuration;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The configuration of the Appwrite-compatible endpoint: function ids replace the originals job by job, and a wrong
/// <c>functionIds</c> or <c>appwrite</c> section stops the server with the path of the mistake.
/// </summary>
public sealed class AppwriteConfigurationTests
{
    [Fact]
    public async Task Configured_function_id_replaces_the_original_and_the_other_jobs_keep_theirs()
    {
        await using var server = await TestServer.StartAsync(AppwriteServer.Configuration("""
            "functionIds": { "pull": "sync-pull" },
            """));
        await server.AddUserAsync("nurse", UserRole.HealthWorker, "facility-a");
        using var client = server.Client(null);
        client.DefaultRequestHeaders.Add("X-Appwrite-Project", AppwriteServer.Project);
        client.DefaultRequestHeaders.Add("X-Appwrite-JWT", server.TokenFor("nurse"));
        var pull = new { body = """{"deviceId":"tab-1"}""" };

        using var renamed = await client.PostAsJsonAsync("v1/functions/sync-pull/executions", pull);
        using var original = await client.PostAsJsonAsync("v1/functions/incremental-data-sync/executions", pull);
        using var other = await client.PostAsJsonAsync("v1/functions/sync-status-monitor/executions", new { body = "{}" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NotFound, HttpStatusCode.Created),
            (renamed.StatusCode, original.StatusCode, other.StatusCode));
    }

    [Theory]
    [InlineData("""{ "functionIds": { "sync": "x" } }""", "$.functionIds.sync")]
    [InlineData("""{ "functionIds": { "pull": "has space" } }""", "$.functionIds.pull")]
    [InlineData("""{ "functionIds": { "pull": "data-validation" } }""", "$.functionIds")]
    [InlineData("""{ "appwrite": { "projectId": "-bad" } }""", "$.appwrite.projectId")]
    [InlineData("""{ "appwrite": { "apiKey": "short" } }""", "$.appwrite.apiKey")]
    public void Wrong_appwrite_settings_are_refused_with_their_path(string section, string path)
    {
        var json = """{ "collections": { "patients": {} }, """ + section.TrimStart('{');

        var e = Assert.Throws<ConfigurationException>(() => SyncConfigurationLoader.Parse(json, "test.json"));

        Assert.Equal(path, e.JsonPath);
    }

    [Fact]
    public void Without_an_appwrite_section_the_project_is_fieldsync_with_no_key_and_the_original_function_ids()
    {
        var configuration = SyncConfigurationLoader.Parse("""{ "collections": { "patients": {} } }""", "test.json");

        Assert.Equal(("fieldsync", null), (configuration.Appwrite.ProjectId, configuration.Appwrite.ApiKey));
        Assert.Equal(
            ["conflict-resolution", "data-validation", "incremental-data-sync", "offline-queue-processor", "real-time-sync-trigger",
                "sync-status-monitor"],
            FunctionJobs.IdsOf(configuration).Values.Order(StringComparer.Ordinal));
    }
}
