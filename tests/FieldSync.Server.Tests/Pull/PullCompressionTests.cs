using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>Pulls over slow links: the <c>compress</c> wrapper and HTTP content negotiation carry the same JSON.</summary>
public sealed class PullCompressionTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Compress_wraps_the_same_json_as_gzip_and_base64()
    {
        var (client, device, request) = await ScenarioAsync();

        var plain = await PullAsync(client, request);
        request["compress"] = true;
        var wrapped = await PullAsync(client, request);

        Assert.Equal(3, wrapped.Count);
        Assert.True((bool)wrapped["compressed"]!);
        Assert.Equal("gzip+base64", (string)wrapped["encoding"]!);
        var bytes = Convert.FromBase64String((string)wrapped["payload"]!);
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        var payload = (await JsonNode.ParseAsync(gzip))!.AsObject();
        AssertSamePull(plain, payload);
        Assert.NotEmpty(Documents(payload));
        Assert.NotEmpty(Deletions(payload));
        Assert.Equal(2, await Server.ScalarAsync(
            "SELECT COUNT(*) FROM sync_operations WHERE device_id = @d AND documents_sent = 4 AND deletions_sent = 1", ("@d", device)));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task A_pull_is_compressed_by_http_content_negotiation(string encoding)
    {
        var (client, _, request) = await ScenarioAsync();
        var plain = await PullAsync(client, request);
        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = Server.BaseAddress,
        };
        raw.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        raw.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await raw.PostAsJsonAsync("/v1/sync/pull", request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br"
            ? new BrotliStream(body, CompressionMode.Decompress)
            : new GZipStream(body, CompressionMode.Decompress);
        AssertSamePull(plain, (await JsonNode.ParseAsync(decoded))!.AsObject());
    }

    // Four documents and one deletion after a checkpoint; the request pulls them all in one response.
    private async Task<(HttpClient Client, string Device, JsonObject Request)> ScenarioAsync()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var device = NewId("tab");
        var start = await PullToEndAsync(client, device);
        var doomed = NewId("pat");
        await SeedPatientsAsync(client, facility, 4);
        await PushAsync(client, NewId("tab"), CreatePatient(doomed, facility, "Ngozi Ọkafọ́r"), Delete("patients", doomed));
        return (client, device, new JsonObject { ["deviceId"] = device, ["checkpoint"] = start.Checkpoint });
    }

    private static void AssertSamePull(JsonObject expected, JsonObject actual)
    {
        Assert.True(JsonNode.DeepEquals(expected["documents"], actual["documents"]), $"{expected["documents"]} != {actual["documents"]}");
        Assert.True(JsonNode.DeepEquals(expected["deletions"], actual["deletions"]), $"{expected["deletions"]} != {actual["deletions"]}");
        Assert.Equal((string)expected["checkpoint"]!, (string)actual["checkpoint"]!);
        Assert.Equal((bool)expected["hasMore"]!, (bool)actual["hasMore"]!);
        Assert.NotNull((string?)actual["serverTime"]);
    }
}
