using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// <c>real-time-sync-trigger</c> through node-appwrite: a system caller's document event notifies the active sessions that
/// may see the document, and nobody else; a health worker is refused as the native API refuses a role.
/// </summary>
public sealed class RealtimeTriggerTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    [Fact]
    public async Task Document_event_from_the_server_key_notifies_the_active_sessions_of_the_documents_facility_only()
    {
        await HeartbeatAsync(AppwriteServer.NurseA, "trigger-tab-a");
        await HeartbeatAsync(AppwriteServer.NurseB, "trigger-tab-b");
        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "trigger-1", "facility-a");
        var before = await PendingAsync(AppwriteServer.NurseA, "trigger-tab-a");

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = AppwriteServer.Key,
            functionId = "real-time-sync-trigger",
            // The payload of an Appwrite database event: the document, with the event's name.
            payload = new Dictionary<string, object>
            {
                ["$id"] = "trigger-1", ["$collectionId"] = "patients", ["$databaseId"] = "main", ["facility_id"] = "facility-a",
                ["event"] = "databases.main.collections.patients.documents.trigger-1.update",
            },
        }));

        var answer = NodeSdkFunctionTests.Completed(results[0]).Response;
        Assert.Equal(("facility-a", "update", true), ((string?)answer["facilityId"], (string?)answer["action"], (bool)answer["notified"]!));
        var after = await PendingAsync(AppwriteServer.NurseA, "trigger-tab-a");
        // As docs/appwrite-migration.md says: announcing a change again makes a second row per session on SQLite; on
        // PostgreSQL a session keeps one row per change (rows are made idempotently by every instance), sent again.
        Assert.Equal(before.Count + (TestStorage.IsPostgres ? 0 : 1), after.Count);
        Assert.Equal("trigger-1", (string?)after[^1]["documentId"]);
        Assert.DoesNotContain(await PendingAsync(AppwriteServer.NurseB, "trigger-tab-b"), n => (string?)n["documentId"] == "trigger-1");
    }

    [Fact]
    public async Task Health_worker_is_refused_with_403_forbidden_role_in_the_functions_answer()
    {
        await fixture.CreatePatientAsync(AppwriteServer.NurseA, "trigger-2", "facility-a");

        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = fixture.Jwt(AppwriteServer.NurseA),
            functionId = "real-time-sync-trigger",
            payload = new { collection = "patients", documentId = "trigger-2", action = "update" },
        }));

        var execution = results[0]!["execution"]!;
        Assert.Equal(("completed", 403), ((string?)execution["status"], (int)execution["responseStatusCode"]!));
        Assert.Equal("forbidden_role", (string?)results[0]!["responseJson"]!["code"]);
    }

    [Fact]
    public async Task Event_of_a_document_that_does_not_exist_answers_404_not_found()
    {
        var results = await AppwriteJs.RunFunctionsAsync(fixture.Plan(new
        {
            credential = AppwriteServer.Key,
            functionId = "real-time-sync-trigger",
            payload = new { collection = "patients", documentId = "never-written", action = "create" },
        }));

        Assert.Equal(404, (int)results[0]!["execution"]!["responseStatusCode"]!);
        Assert.Equal("not_found", (string?)results[0]!["responseJson"]!["code"]);
    }

    private async Task HeartbeatAsync(string userId, string deviceId)
    {
        var (status, _) = await TestServer.PostAsync(fixture.Server.Client(userId), "v1/sync/heartbeat", new { deviceId });
        Assert.Equal(200, status);
    }

    private async Task<List<JsonObject>> PendingAsync(string userId, string deviceId)
    {
        var list = await fixture.Server.Client(userId).GetFromJsonAsync<JsonObject>($"v1/sync/notifications?deviceId={deviceId}&pending=true");
        return [.. list!["notifications"]!.AsArray().Select(n => n!.AsObject())];
    }
}
