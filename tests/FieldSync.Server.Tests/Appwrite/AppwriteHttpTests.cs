using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// What the SDKs do not show but rely on, checked on the wire: 201 and 202, CORS for the web SDK (errors included),
/// the old <c>data</c> parameter and model fields for response formats before 1.4, and the realtime path's refusal of plain HTTP.
/// </summary>
public sealed class AppwriteHttpTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    private const string Origin = "http://clinic.example:8080";

    [Fact]
    public async Task Synchronous_execution_is_201_and_asynchronous_202()
    {
        using var client = Client(AppwriteServer.NurseA);

        using var sync = await client.PostAsJsonAsync("v1/functions/sync-status-monitor/executions", new { body = "{}" });
        using var queued = await client.PostAsJsonAsync("v1/functions/sync-status-monitor/executions", new { body = "{}", async = true });

        Assert.Equal(HttpStatusCode.Created, sync.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("waiting", (string?)(await queued.Content.ReadFromJsonAsync<JsonObject>())!["status"]);
    }

    [Fact]
    public async Task Preflight_is_answered_with_the_exact_origin_and_credentials()
    {
        using var client = Client(null);
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "v1/functions/sync-status-monitor/executions");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-appwrite-project,x-appwrite-jwt");

        using var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("X-Appwrite-JWT", Single(response, "Access-Control-Allow-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_carry_cors_headers_so_the_browser_shows_them_to_the_sdk()
    {
        using var client = Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/functions/sync-status-monitor/executions")
        {
            Content = JsonContent.Create(new { body = "{}" }),
        };
        request.Headers.Add("Origin", Origin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Origin, Single(response, "Access-Control-Allow-Origin"));
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal((401, "user_unauthorized"), ((int)error!["code"]!, (string?)error["type"]));
    }

    [Fact]
    public async Task Old_response_format_accepts_data_and_answers_response_and_status_code()
    {
        using var client = Client(AppwriteServer.NurseA);
        client.DefaultRequestHeaders.Add("X-Appwrite-Response-Format", "1.0.0");

        using var response = await client.PostAsJsonAsync("v1/functions/sync-status-monitor/executions",
            new { data = """{"sinceMinutes": 5}""" });

        var execution = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(200, (int)execution["statusCode"]!);
        Assert.Equal(5 * 60, (JsonNode.Parse((string)execution["response"]!)!["window"]!["to"]!.GetValue<DateTimeOffset>()
            - JsonNode.Parse((string)execution["response"]!)!["window"]!["from"]!.GetValue<DateTimeOffset>()).TotalSeconds);
    }

    [Fact]
    public async Task Scheduled_execution_that_is_not_async_is_refused_as_appwrite_refuses_it()
    {
        using var client = Client(AppwriteServer.NurseA);

        using var response = await client.PostAsJsonAsync("v1/functions/sync-status-monitor/executions",
            new { body = "{}", scheduledAt = "2099-01-01T00:00:00.000+00:00" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("general_bad_request", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]);
    }

    [Fact]
    public async Task Realtime_path_refuses_plain_http_with_an_appwrite_error()
    {
        using var client = Client(null);

        using var response = await client.GetAsync("v1/realtime?project=" + AppwriteServer.Project);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("general_bad_request", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]);
    }

    private HttpClient Client(string? userId)
    {
        var client = fixture.Server.Client(null);
        client.DefaultRequestHeaders.Add("X-Appwrite-Project", AppwriteServer.Project);
        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Appwrite-JWT", fixture.Server.TokenFor(userId));
        }

        return client;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);
}
