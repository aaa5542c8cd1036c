using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.BadInput;

public sealed class MalformedRequestTests(MalformedRequestTests.Host fixture) : IClassFixture<MalformedRequestTests.Host>
{
    public sealed class Host() : BadInputServer();

    private readonly TestServer _server = fixture.Server;
    private readonly HttpClient _nurse = fixture.Server.Client(BadInputServer.Nurse);

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Body_that_is_not_json_is_refused_as_malformed_json_and_changes_nothing(string endpoint)
    {
        var cut = BadInputServer.ValidRequest(endpoint).ToJsonString()[..^3];

        var answer = await RefusedAsync(endpoint, cut);

        answer.AssertProblem(400, "malformed_json");
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Body_that_is_an_array_instead_of_an_object_is_refused_as_malformed_json_and_changes_nothing(string endpoint)
    {
        var answer = await RefusedAsync(endpoint, "[" + BadInputServer.ValidRequest(endpoint).ToJsonString() + "]");

        answer.AssertProblem(400, "malformed_json");
    }

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Empty_body_is_refused_and_changes_nothing(string endpoint)
    {
        var answer = await RefusedAsync(endpoint, "");

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.False(string.IsNullOrEmpty((string?)answer.Body!["code"]));
    }

    [Theory]
    [InlineData("v1/sync/pull", "pageLimit", "\"x\"")]
    [InlineData("v1/sync/pull", "collections", "\"patients\"")]
    [InlineData("v1/sync/pull", "deviceId", "42")]
    [InlineData("v1/sync/push", "queuedOperations", "{}")]
    [InlineData("v1/sync/push", "queuedOperations[0].baseVersion", "\"one\"")]
    [InlineData("v1/sync/push", "queuedOperations[0].data", "[1, 2]")]
    [InlineData("v1/sync/resolve", "clientData", "\"text\"")]
    [InlineData("v1/sync/resolve", "baseVersion", "\"three\"")]
    [InlineData("v1/sync/resolve", "clientTimestamp", "\"yesterday\"")]
    [InlineData("v1/validate", "documents", "{}")]
    [InlineData("v1/validate", "mode", "true")]
    public async Task Member_of_the_wrong_type_is_refused_naming_the_member_and_changes_nothing(
        string endpoint, string member, string value)
    {
        var answer = await RefusedAsync(endpoint, BadInputServer.ValidRequest(endpoint).With(member, value).ToJsonString());

        answer.AssertProblem(400, "malformed_json", member, "type");
    }

    // A JSON object may not name a field twice: it was a 500 (the parsed object threw once read), it is a 400 naming it.
    [Theory]
    [InlineData("v1/sync/push", "queuedOperations[0].data")]
    [InlineData("v1/sync/resolve", "clientData")]
    [InlineData("v1/validate", "documents[0]")]
    public async Task Object_naming_a_field_twice_is_refused_as_malformed_json_naming_the_object_and_changes_nothing(
        string endpoint, string member)
    {
        var text = BadInputServer.ValidRequest(endpoint).ToJsonString();
        var field = text.IndexOf("\"first_name\":", StringComparison.Ordinal);
        var twice = text[..field] + "\"first_name\":\"Hadiza\"," + text[field..];

        var answer = await RefusedAsync(endpoint, twice);

        answer.AssertProblem(400, "malformed_json", member, "type");
    }

    [Theory]
    [InlineData("v1/sync/pull", "deviceId")]
    [InlineData("v1/sync/push", "deviceId")]
    [InlineData("v1/sync/push", "queuedOperations")]
    [InlineData("v1/sync/resolve", "collection")]
    [InlineData("v1/sync/resolve", "documentId")]
    [InlineData("v1/sync/resolve", "clientData")]
    [InlineData("v1/sync/resolve", "deviceId")]
    [InlineData("v1/validate", "collection")]
    [InlineData("v1/validate", "documents")]
    public async Task Missing_required_member_is_refused_naming_it_and_changes_nothing(string endpoint, string member)
    {
        var answer = await RefusedAsync(endpoint, BadInputServer.ValidRequest(endpoint).Without(member).ToJsonString());

        answer.AssertProblem(400, "validation_failed", member);
    }

    [Theory]
    [InlineData("v1/sync/pull", "pageLimit", "0", "validation_failed")]
    [InlineData("v1/sync/pull", "pageLimit", "1000000", "validation_failed")]
    [InlineData("v1/sync/pull", "maxPages", "-1", "validation_failed")]
    [InlineData("v1/sync/pull", "checkpoint", "\"not-a-checkpoint\"", "invalid_checkpoint")]
    [InlineData("v1/sync/pull", "deviceId", "\"\"", "validation_failed")]
    [InlineData("v1/sync/resolve", "documentId", "\"no spaces allowed\"", "validation_failed")]
    [InlineData("v1/sync/resolve", "deviceId", "\"\"", "validation_failed")]
    [InlineData("v1/validate", "mode", "\"merge\"", "validation_failed")]
    public async Task Out_of_range_value_is_refused_naming_the_member_and_changes_nothing(
        string endpoint, string member, string value, string code)
    {
        var answer = await RefusedAsync(endpoint, BadInputServer.ValidRequest(endpoint).With(member, value).ToJsonString());

        answer.AssertProblem(400, code, member);
    }

    [Theory]
    [InlineData("v1/sync/pull", "collections[0]")]
    [InlineData("v1/sync/resolve", "collection")]
    [InlineData("v1/validate", "collection")]
    public async Task Unknown_collection_is_refused_naming_the_member_and_changes_nothing(string endpoint, string member)
    {
        var answer = await RefusedAsync(endpoint, BadInputServer.ValidRequest(endpoint).With(member, "\"vaccines\"").ToJsonString());

        answer.AssertProblem(400, "unknown_collection", member);
    }

    [Fact]
    public async Task Queued_operation_on_an_unknown_collection_is_rejected_and_stores_no_document()
    {
        var documentsBefore = await DocumentsAsync();
        var request = BadInputServer.ValidRequest("v1/sync/push").With("queuedOperations[0].collection", "\"vaccines\"");

        var answer = await HttpAnswer.PostJsonAsync(_nurse, "v1/sync/push", request);

        Assert.Equal(200, answer.Status);
        var result = answer.Body!["results"]![0]!;
        Assert.Equal("rejected", (string?)result["status"]);
        Assert.False((bool)result["retryable"]!);
        Assert.Equal("unknown_collection", (string?)result["error"]!["code"]);
        Assert.Equal(documentsBefore, await DocumentsAsync());
    }

    [Fact]
    public async Task Body_sent_as_plain_text_is_refused_as_unsupported_and_changes_nothing()
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);

        var answer = await HttpAnswer.SendAsync(_nurse, HttpMethod.Post, "v1/sync/push",
            BadInputServer.ValidRequest("v1/sync/push").ToJsonString(), "text/plain");

        answer.AssertProblem(415, "unsupported_media_type");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    private async Task<HttpAnswer> RefusedAsync(string endpoint, string body)
    {
        var before = await StoredRows.SnapshotAsync(_server.Database);
        var answer = await HttpAnswer.SendAsync(_nurse, HttpMethod.Post, endpoint, body);
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
        return answer;
    }

    private async Task<string> DocumentsAsync() => string.Join('\n', (await _server.QueryAsync(
        "SELECT collection, id, version, body FROM documents ORDER BY collection, id")).Select(r => string.Join('|', r.Values)));
}
