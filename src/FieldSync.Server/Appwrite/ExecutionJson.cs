using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// The Appwrite Execution model of a stored execution. It carries both <c>functionId</c> (response formats up to 1.9.5)
/// and <c>resourceId</c>/<c>resourceType</c> (2.x), and for formats before 1.4 the old <c>response</c>, <c>statusCode</c>,
/// <c>stdout</c> and <c>stderr</c> too.
/// </summary>
public static class ExecutionJson
{
    /// <summary>The deployment every function of this server reports.</summary>
    public const string DeploymentId = "fieldsync-1";

    /// <summary>Waiting or processing for this long counts as failed, as on Appwrite (whose default function timeout it is).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The model. <paramref name="privileged"/> (a server key) shows <c>logs</c> and <c>errors</c>;
    /// <paramref name="responseFormat"/> is the caller's <c>X-Appwrite-Response-Format</c>.
    /// </summary>
    public static JsonObject Write(FunctionExecution e, bool privileged, string? responseFormat, DateTimeOffset now)
    {
        var status = e.Status is "waiting" or "processing" && now - e.CreatedAt >= AbandonedAfter ? "failed" : e.Status;
        var model = new JsonObject
        {
            ["$id"] = e.Id,
            ["$createdAt"] = Time(e.CreatedAt),
            ["$updatedAt"] = Time(e.UpdatedAt),
            ["$permissions"] = e.UserId is null || e.UserId == AppwriteCredentials.KeyUserId
                ? new JsonArray()
                : new JsonArray($"read(\"user:{e.UserId}\")"),
            ["functionId"] = e.FunctionId,
            ["resourceId"] = e.FunctionId,
            ["resourceType"] = "functions",
            ["deploymentId"] = DeploymentId,
            ["trigger"] = e.Trigger,
            ["status"] = status,
            ["requestMethod"] = e.RequestMethod,
            ["requestPath"] = e.RequestPath,
            ["requestHeaders"] = JsonNode.Parse(e.RequestHeaders),
            ["responseStatusCode"] = e.ResponseStatusCode,
            ["responseBody"] = e.ResponseBody,
            ["responseHeaders"] = ResponseHeaders(e),
            ["logs"] = privileged ? e.Logs : "",
            ["errors"] = privileged ? e.Errors : "",
            ["duration"] = Math.Round(e.DurationSeconds, 6),
        };
        if (IsLegacy(responseFormat))
        {
            model["statusCode"] = e.ResponseStatusCode;
            model["response"] = e.ResponseBody;
            model["stdout"] = privileged ? e.Logs : "";
            model["stderr"] = privileged ? e.Errors : "";
        }

        return model;
    }

    /// <summary>Appwrite's time format: milliseconds and an offset, <c>2024-05-01T10:20:30.123+00:00</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>A header list <c>[{"name","value"}]</c> as JSON text.</summary>
    public static string HeaderList(IEnumerable<KeyValuePair<string, string>> headers) =>
        new JsonArray([.. headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]).ToJsonString();

    private static JsonArray ResponseHeaders(FunctionExecution e)
    {
        var headers = JsonNode.Parse(e.ResponseHeaders) as JsonArray ?? [];
        if (e.ResponseStatusCode == 0)
        {
            return headers;
        }

        headers.Add(new JsonObject { ["name"] = "x-appwrite-execution-id", ["value"] = e.Id });
        return headers;
    }

    private static bool IsLegacy(string? format) =>
        format is not null && Version.TryParse(format, out var version) && version < new Version(1, 4, 0);
}
