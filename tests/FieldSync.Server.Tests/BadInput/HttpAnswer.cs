using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.BadInput;

/// <summary>An HTTP answer as a client sees it: status, media type and body.</summary>
public sealed record HttpAnswer(int Status, string? MediaType, string Text)
{
    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonNode? Body
    {
        get
        {
            try
            {
                return Text.Length == 0 ? null : JsonNode.Parse(Text);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>Sends raw text as the body (null for none) with the given content type.</summary>
    public static async Task<HttpAnswer> SendAsync(
        HttpClient client, HttpMethod method, string path, string? text, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        using var response = await client.SendAsync(request);
        return await FromAsync(response);
    }

    /// <summary>Posts <paramref name="body"/> as JSON.</summary>
    public static async Task<HttpAnswer> PostJsonAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return await FromAsync(response);
    }

    /// <summary>Asserts an RFC 9457 problem with the status, the stable code and, when given, an error naming the field.</summary>
    public void AssertProblem(int status, string code, string? field = null, string? rule = null)
    {
        Assert.True(Status == status, $"expected {status} {code}, got {Status}: {Text}");
        Assert.Equal("application/problem+json", MediaType);
        var body = Body ?? throw new Xunit.Sdk.XunitException("The problem body is not JSON: " + Text);
        Assert.Equal(status, (int)body["status"]!);
        Assert.Equal(code, (string?)body["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["title"]), "a problem has a title");
        var errors = body["errors"]?.AsArray() ?? throw new Xunit.Sdk.XunitException("The problem has no errors array: " + Text);
        if (field is not null)
        {
            Assert.True(errors.Any(e => (string?)e!["field"] == field && (rule is null || (string?)e["rule"] == rule)),
                $"no error names field {field}{(rule is null ? "" : " with rule " + rule)}: {Text}");
        }
    }

    private static async Task<HttpAnswer> FromAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
}
