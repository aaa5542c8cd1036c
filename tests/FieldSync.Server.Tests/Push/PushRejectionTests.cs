using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Push;

/// <summary>Operations the server refuses for good: rejected, not retryable, nothing changed, the batch goes on.</summary>
public sealed class PushRejectionTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("create breaking rules", "validation_failed")]
    [InlineData("update breaking rules", "validation_failed")]
    [InlineData("create without facility", "validation_failed")]
    [InlineData("unknown collection", "unknown_collection")]
    [InlineData("create in another facility", "forbidden_facility")]
    [InlineData("move to another facility", "forbidden_facility")]
    [InlineData("update in another facility", "forbidden_facility")]
    [InlineData("delete in another facility", "forbidden_facility")]
    [InlineData("update of a missing document", "not_found")]
    [InlineData("delete of a missing document", "not_found")]
    [InlineData("update of a deleted document", "document_deleted")]
    public async Task A_refused_operation_is_rejected_not_retryable_and_changes_nothing(string operation, string code)
    {
        var (mine, theirs) = (NewId("fac"), NewId("fac"));
        var client = Server.Client(await NewUserAsync(Server, UserRole.HealthWorker, mine));
        var system = Server.Client(await NewUserAsync(Server, UserRole.System));
        var (live, gone, foreign) = (NewId("pat"), NewId("pat"), NewId("pat"));
        await PushAsync(system, NewId("tab"), CreatePatient(live, mine), CreatePatient(gone, mine), Delete("patients", gone),
            CreatePatient(foreign, theirs));
        var before = await SnapshotAsync();

        var response = await PushAsync(client, NewId("tab"), operation switch
        {
            "create breaking rules" => Operation("create", "patients", NewId("pat"),
                new JsonObject { ["facility_id"] = mine, ["first_name"] = "", ["sex"] = "robot" }),
            "update breaking rules" => Update("patients", live, new JsonObject { ["sex"] = "robot" }, 1),
            "create without facility" => Operation("create", "patients", NewId("pat"), new JsonObject { ["first_name"] = "Amina" }),
            "unknown collection" => Operation("create", "nope", NewId("pat"), new JsonObject { ["facility_id"] = mine }),
            "create in another facility" => CreatePatient(NewId("pat"), theirs),
            "move to another facility" => Update("patients", live, new JsonObject { ["facility_id"] = theirs }, 1),
            "update in another facility" => Update("patients", foreign, new JsonObject { ["phone"] = "+2348000000" }, 1),
            "delete in another facility" => Delete("patients", foreign),
            "update of a missing document" => Update("patients", NewId("pat"), new JsonObject { ["phone"] = "+2348000000" }, 1),
            "delete of a missing document" => Delete("patients", NewId("pat")),
            _ => Update("patients", gone, new JsonObject { ["phone"] = "+2348000000" }, 1),
        });

        var result = Result(response, 0);
        Assert.Equal("rejected", (string)result["status"]!);
        Assert.False((bool)result["retryable"]!);
        Assert.Equal(code, (string)result["error"]!["code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)result["error"]!["message"]));
        Assert.Null(result["document"]);
        Assert.Equal(0, (int)response["succeeded"]!);
        Assert.Equal(1, (int)response["failed"]!);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_validation_rejection_names_each_field_and_rule_at_fault()
    {
        var (client, facility) = await NewWorkerAsync(Server);

        var result = Result(await PushAsync(client, NewId("tab"), Operation("create", "patients", NewId("pat"),
            new JsonObject { ["facility_id"] = facility, ["first_name"] = "", ["sex"] = "robot" })), 0);

        var errors = result["error"]!["errors"]!.AsArray().Select(e => ((string)e!["field"]!, (string)e["rule"]!)).ToList();
        Assert.Contains(("first_name", "minLength"), errors);
        Assert.Contains(("sex", "enum"), errors);
        Assert.All(result["error"]!["errors"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace((string?)e!["message"])));
    }

    [Fact]
    public async Task A_rejected_operation_does_not_stop_the_rest_of_the_batch()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (first, second) = (NewId("pat"), NewId("pat"));

        var response = await PushAsync(client, NewId("tab"), CreatePatient(first, facility),
            Operation("create", "patients", NewId("pat"), new JsonObject { ["facility_id"] = facility, ["first_name"] = "" }),
            Update("patients", NewId("pat"), new JsonObject { ["phone"] = "+2348000000" }, 1),
            Update("patients", first, new JsonObject { ["phone"] = "+2348000000" }, 1),
            CreatePatient(second, facility));

        Assert.Equal(["applied", "rejected", "rejected", "applied", "applied"],
            response["results"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal(5, (int)response["processed"]!);
        Assert.Equal(3, (int)response["succeeded"]!);
        Assert.Equal(2, (int)response["failed"]!);
        Assert.Equal(2L, (await StoredRows.DocumentAsync(Server.Database, "patients", first))!["version"]);
        Assert.NotNull(await StoredRows.DocumentAsync(Server.Database, "patients", second));
    }

    // Every document with its version, change position and body, every exit, and the audit logs: what a write could
    // touch. A write takes a new position, so the positions stand for the change counter on either storage.
    private async Task<string> SnapshotAsync()
    {
        var state = new
        {
            Documents = await Server.QueryAsync(
                "SELECT collection, id, facility_id, version, seq, deleted, body FROM documents ORDER BY seq"),
            Exits = await Server.QueryAsync("SELECT collection, id, facility_id, version, seq FROM document_exits ORDER BY seq"),
            Deletions = await Server.ScalarAsync("SELECT COUNT(*) FROM deletion_log"),
            Conflicts = await Server.ScalarAsync("SELECT COUNT(*) FROM conflict_log"),
        };
        return JsonSerializer.Serialize(state);
    }
}
