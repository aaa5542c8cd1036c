using System.Text.Json.Nodes;
using FieldSync.Server.Tests.BadInput;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Resolve;

public sealed class ResolveRefusalTests(ResolveRefusalTests.Host fixture) : IClassFixture<ResolveRefusalTests.Host>
{
    public sealed class Host() : StrategyServer("merge_with_server_priority");

    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Resolving_a_document_of_another_facility_is_forbidden_and_changes_nothing()
    {
        var id = await CreateAsync("worker-z", "fac-2");

        var answer = await RefusedAsync("worker-a", id, new JsonObject { ["name"] = "Taken over" }, baseVersion: 1);

        answer.AssertProblem(403, "forbidden_facility");
    }

    [Fact]
    public async Task Creating_a_document_in_another_facility_is_forbidden_and_changes_nothing()
    {
        var id = "case-" + Guid.NewGuid().ToString("N");
        var data = new JsonObject { ["facility_id"] = "fac-2", ["name"] = "Elsewhere" };

        var answer = await RefusedAsync("worker-a", id, data, baseVersion: null);

        answer.AssertProblem(403, "forbidden_facility");
        Assert.Equal(0, await _server.ScalarAsync("SELECT COUNT(*) FROM documents WHERE id = @id", ("@id", id)));
    }

    [Fact]
    public async Task Moving_a_document_into_another_facility_is_forbidden_and_changes_nothing()
    {
        var id = await CreateAsync("worker-a", "fac-1");

        var answer = await RefusedAsync("worker-a", id, new JsonObject { ["facility_id"] = "fac-2" }, baseVersion: 1);

        answer.AssertProblem(403, "forbidden_facility");
    }

    [Theory]
    [InlineData("""{ "facility_id": "fac-1", "name": "Ok", "count": -1 }""", "count", "min")]
    [InlineData("""{ "facility_id": "fac-1", "name": 7 }""", "name", "type")]
    [InlineData("""{ "facility_id": "fac-1", "note": "no name" }""", "name", "required")]
    [InlineData("""{ "name": "No facility" }""", "facility_id", "required")]
    public async Task Invalid_new_document_is_refused_naming_the_field_and_rule_and_is_not_created(
        string clientData, string field, string rule)
    {
        var id = "case-" + Guid.NewGuid().ToString("N");

        var answer = await RefusedAsync("worker-a", id, JsonNode.Parse(clientData)!.AsObject(), baseVersion: null);

        answer.AssertProblem(400, "validation_failed", field, rule);
        Assert.Equal(0, await _server.ScalarAsync("SELECT COUNT(*) FROM documents WHERE id = @id", ("@id", id)));
    }

    [Theory]
    [InlineData("""{ "name": "" }""", "name", "minLength")]
    [InlineData("""{ "count": 2.5 }""", "count", "type")]
    [InlineData("""{ "note": null, "name": null }""", "name", "required")]
    [InlineData("""{ "note": "x", "count": -4 }""", "count", "min")]
    public async Task Invalid_change_is_refused_naming_the_field_and_rule_and_leaves_the_document_as_it_was(
        string clientData, string field, string rule)
    {
        var id = await CreateAsync("worker-a", "fac-1");

        var answer = await RefusedAsync("worker-a", id, JsonNode.Parse(clientData)!.AsObject(), baseVersion: 1);

        answer.AssertProblem(400, "validation_failed", field, rule);
    }

    [Fact]
    public async Task Invalid_change_settled_as_a_conflict_is_refused_and_leaves_no_conflict_logged()
    {
        var id = await CreateAsync("worker-a", "fac-1");
        var edit = await HttpAnswer.PostJsonAsync(_server.Client("worker-b"), "v1/sync/resolve",
            ResolveClient.Request("worker-b", id, new JsonObject { ["name"] = "Edited" }, 1, DateTimeOffset.UtcNow));
        Assert.Equal(200, edit.Status);

        // From base 1, count is a client-only change, so the merge takes it: the merged document breaks the min rule.
        var answer = await RefusedAsync("worker-a", id, new JsonObject { ["count"] = -4 }, baseVersion: 1);

        answer.AssertProblem(400, "validation_failed", "count", "min");
        Assert.Empty(await StoredRows.ConflictsOfAsync(_server.Database, StrategyServer.Collection, id));
    }

    private async Task<string> CreateAsync(string userId, string facility)
    {
        var id = "case-" + Guid.NewGuid().ToString("N");
        var data = new JsonObject { ["facility_id"] = facility, ["name"] = "Original", ["count"] = 1 };
        var answer = await HttpAnswer.PostJsonAsync(_server.Client(userId), "v1/sync/resolve",
            ResolveClient.Request(userId, id, data, baseVersion: null, DateTimeOffset.UtcNow));
        Assert.True(answer.Status == 200, answer.Text);
        return id;
    }

    private async Task<HttpAnswer> RefusedAsync(string userId, string id, JsonObject clientData, long? baseVersion)
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var answer = await HttpAnswer.PostJsonAsync(_server.Client(userId), "v1/sync/resolve",
            ResolveClient.Request(userId, id, clientData, baseVersion, DateTimeOffset.UtcNow));
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
        return answer;
    }
}
