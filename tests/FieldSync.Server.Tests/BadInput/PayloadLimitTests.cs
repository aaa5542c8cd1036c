using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Resolve;

namespace FieldSync.Server.Tests.BadInput;

public sealed class PayloadLimitTests(PayloadLimitTests.Host fixture) : IClassFixture<PayloadLimitTests.Host>
{
    /// <summary>The smallest body limit the configuration allows, and at most two documents per validate request.</summary>
    public sealed class Host() : BadInputServer("""{ "maxBodyBytes": 1024, "perUserPerMinute": 600, "maxValidateDocuments": 2 }""");

    private readonly TestServer _server = fixture.Server;
    private readonly HttpClient _nurse = fixture.Server.Client(BadInputServer.Nurse);

    [Theory]
    [MemberData(nameof(BadInputServer.Endpoints), MemberType = typeof(BadInputServer))]
    public async Task Body_over_the_configured_limit_is_refused_as_payload_too_large_and_changes_nothing(string endpoint)
    {
        var request = BadInputServer.ValidRequest(endpoint);
        request["padding"] = new string('x', 2000);
        var before = await StoredRows.SnapshotAsync(_server.Database);

        var answer = await HttpAnswer.SendAsync(_nurse, HttpMethod.Post, endpoint, request.ToJsonString());

        answer.AssertProblem(413, "payload_too_large");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task Body_over_the_limit_without_a_declared_length_is_refused_as_payload_too_large()
    {
        var request = BadInputServer.ValidRequest("v1/sync/push");
        request["queuedOperations"]![0]!["data"]!["first_name"] = new string('x', 2000);
        var before = await StoredRows.SnapshotAsync(_server.Database);

        // JsonContent streams the body chunked, so the server only finds out while reading it.
        var answer = await HttpAnswer.PostJsonAsync(_nurse, "v1/sync/push", request);

        answer.AssertProblem(413, "payload_too_large");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }

    [Fact]
    public async Task Body_under_the_limit_is_accepted()
    {
        var request = BadInputServer.ValidRequest("v1/sync/push");
        Assert.InRange(request.ToJsonString().Length, 200, 1000);

        var answer = await HttpAnswer.SendAsync(_nurse, HttpMethod.Post, "v1/sync/push", request.ToJsonString());

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("applied", (string?)answer.Body!["results"]![0]!["status"]);
    }

    [Fact]
    public async Task Validate_request_with_more_documents_than_allowed_is_refused_and_writes_none()
    {
        var request = BadInputServer.ValidRequest("v1/validate");
        var documents = request["documents"]!.AsArray();
        for (var i = 0; i < 2; i++)
        {
            var patient = BadInputServer.Patient();
            patient["$id"] = "pat-" + Guid.NewGuid().ToString("N");
            documents.Add((JsonNode)patient);
        }

        var before = await StoredRows.SnapshotAsync(_server.Database);

        var answer = await HttpAnswer.SendAsync(_nurse, HttpMethod.Post, "v1/validate", request.ToJsonString());

        answer.AssertProblem(413, "payload_too_large", "documents");
        Assert.Equal(before, await StoredRows.SnapshotAsync(_server.Database));
    }
}
