using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>What a pull request selects (time, collections) and how bad requests are refused.</summary>
public sealed class PullRequestTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task LastSyncTimestamp_returns_only_documents_changed_after_it()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var first = await PushAsync(client, NewId("tab"), CreatePatient(NewId("pat"), facility));
        var since = (string)Result(first, 0)["document"]!["$updatedAt"]!;
        var later = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(later, facility));

        var response = await PullAsync(client, new JsonObject { ["deviceId"] = NewId("tab"), ["lastSyncTimestamp"] = since });

        Assert.Equal([later], Ids(Documents(response)));
    }

    [Fact]
    public async Task LastSyncTimestamp_is_ignored_when_a_checkpoint_is_given()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var device = NewId("tab");
        var start = await PullAsync(client, new JsonObject { ["deviceId"] = device });
        var seeded = await SeedPatientsAsync(client, facility, 2);

        var response = await PullAsync(client, new JsonObject
        {
            ["deviceId"] = device, ["checkpoint"] = start["checkpoint"]!.DeepClone(),
            ["lastSyncTimestamp"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
        });

        Assert.Equal(seeded.Keys.Order(StringComparer.Ordinal), Ids(Documents(response)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_collections_a_pull_returns_the_synced_collections_only()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (patient, visit, draft) = (NewId("pat"), NewId("visit"), NewId("draft"));
        await PushAsync(client, NewId("tab"), CreatePatient(patient, facility), CreateVisit(visit, facility),
            Operation("create", "drafts", draft, new JsonObject { ["facility_id"] = facility }));

        var response = await PullAsync(client, new JsonObject { ["deviceId"] = NewId("tab") });
        var named = await PullAsync(client, new JsonObject { ["deviceId"] = NewId("tab"), ["collections"] = new JsonArray("drafts") });

        Assert.Equal(new[] { patient, visit }.Order(StringComparer.Ordinal), Ids(Documents(response)).Order(StringComparer.Ordinal));
        Assert.Equal([draft], Ids(Documents(named)));
    }

    [Fact]
    public async Task A_pull_of_named_collections_returns_only_those()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var visit = NewId("visit");
        await PushAsync(client, NewId("tab"), CreatePatient(NewId("pat"), facility), CreateVisit(visit, facility));

        var response = await PullAsync(client, new JsonObject { ["deviceId"] = NewId("tab"), ["collections"] = new JsonArray("visits") });

        Assert.Equal([visit], Ids(Documents(response)));
        Assert.Equal("visits", (string)Documents(response)[0]["$collection"]!);
    }

    [Fact]
    public async Task An_unknown_collection_is_refused_with_400_unknown_collection()
    {
        var (client, _) = await NewWorkerAsync(Server);
        var device = NewId("tab");

        var problem = await RefusedAsync(client,
            new JsonObject { ["deviceId"] = device, ["collections"] = new JsonArray("patients", "nope") });

        Assert.Equal("unknown_collection", (string)problem["code"]!);
        Assert.Equal("collections[1]", (string)problem["errors"]![0]!["field"]!);
        Assert.Equal(0, await PullRowsAsync(device));
    }

    [Theory]
    [InlineData("checkpoint", "not-a-checkpoint")]
    [InlineData("checkpoint", "ZnMxOmFiYw")]
    [InlineData("pageCursor", "12345")]
    public async Task A_checkpoint_the_server_did_not_make_is_refused_with_400_invalid_checkpoint(string field, string value)
    {
        var (client, _) = await NewWorkerAsync(Server);
        var device = NewId("tab");

        var problem = await RefusedAsync(client, new JsonObject { ["deviceId"] = device, [field] = value });

        Assert.Equal("invalid_checkpoint", (string)problem["code"]!);
        Assert.Equal(field, (string)problem["errors"]![0]!["field"]!);
        Assert.Equal(0, await PullRowsAsync(device));
    }

    [Theory]
    [InlineData("pageLimit", MaxPageLimit + 1)]
    [InlineData("pageLimit", 0)]
    [InlineData("maxPages", MaxPages + 1)]
    public async Task A_page_size_outside_the_configured_range_is_refused_with_400_naming_the_field(string field, int value)
    {
        var (client, _) = await NewWorkerAsync(Server);

        var problem = await RefusedAsync(client, new JsonObject { ["deviceId"] = NewId("tab"), [field] = value });

        Assert.Equal("validation_failed", (string)problem["code"]!);
        Assert.Equal(field, (string)problem["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task The_configured_maximum_page_limit_itself_is_accepted()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        await SeedPatientsAsync(client, facility, 3);

        var response = await PullAsync(client,
            new JsonObject { ["deviceId"] = NewId("tab"), ["pageLimit"] = MaxPageLimit, ["maxPages"] = MaxPages });

        Assert.Equal(3, Documents(response).Count);
    }

    [Fact]
    public async Task Without_pageLimit_a_page_holds_the_configured_default_number_of_documents()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        await SeedPatientsAsync(client, facility, DefaultPageLimit + 1);

        var first = await PullAsync(client, new JsonObject { ["deviceId"] = NewId("tab") });

        Assert.Equal(DefaultPageLimit, Documents(first).Count);
        Assert.True((bool)first["hasMore"]!);
    }

    [Fact]
    public async Task A_pull_naming_another_user_is_refused_with_403_and_not_recorded()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var other = await NewUserAsync(Server, Core.Security.UserRole.HealthWorker, facility);
        var device = NewId("tab");

        var (status, problem) = await TestServer.PostAsync(client, "/v1/sync/pull",
            new JsonObject { ["deviceId"] = device, ["userId"] = other });

        Assert.Equal(403, status);
        Assert.Equal("forbidden_user", (string)problem!["code"]!);
        Assert.Equal(0, await PullRowsAsync(device));
    }

    private static async Task<JsonObject> RefusedAsync(HttpClient client, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync("/v1/sync/pull", request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private Task<long> PullRowsAsync(string device) =>
        Server.ScalarAsync("SELECT COUNT(*) FROM sync_operations WHERE device_id = @d", ("@d", device));
}
