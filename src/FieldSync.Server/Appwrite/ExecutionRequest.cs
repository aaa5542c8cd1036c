using System.Text.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Server.Appwrite;

/// <summary>The parameters of <c>createExecution</c>, read and checked as Appwrite checks them.</summary>
public sealed record ExecutionRequest(string Body, bool Async, string Path, string Method, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The longest body Appwrite accepts.</summary>
    public const int MaxBodyLength = 10_485_760;

    private static readonly string[] _methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

    /// <summary>Parses the JSON parameters; returns the Appwrite error type and message of the first bad one instead.</summary>
    public static (ExecutionRequest? Request, string? ErrorType, string? Error) Parse(JsonObject parameters)
    {
        // Response formats before 1.4 named the body "data".
        var body = parameters["body"] ?? parameters["data"];
        string? text = null;
        if (body is not null && (!IsString(body, out text) || text!.Length > MaxBodyLength))
        {
            return Invalid("body", $"Value must be a valid string and no longer than {MaxBodyLength} chars");
        }

        if (!ReadBoolean(parameters["async"], out var isAsync))
        {
            return Invalid("async", "Value must be a valid boolean");
        }

        var path = "/";
        if (parameters["path"] is { } p && (!IsString(p, out path) || path!.Length > 2048))
        {
            return Invalid("path", "Value must be a valid string and no longer than 2048 chars");
        }

        var method = "POST";
        if (parameters["method"] is { } m && (!IsString(m, out method) || !_methods.Contains(method)))
        {
            return Invalid("method", $"Value must be one of ({string.Join(", ", _methods)})");
        }

        var headers = ReadHeaders(parameters["headers"]);
        if (headers is null)
        {
            return Invalid("headers", "Value must be a valid JSON object of strings");
        }

        if (parameters["scheduledAt"] is { } scheduled && scheduled.GetValueKind() != JsonValueKind.Null)
        {
            return isAsync
                ? Invalid("scheduledAt", "FieldSync runs every execution at once; scheduled executions are not supported (leave scheduledAt out)")
                : (null, AppwriteErrors.BadRequest,
                    "Scheduled executions must run asynchronously. Set scheduledAt to a future date, or set async to true.");
        }

        return (new ExecutionRequest(text ?? "", isAsync, path!, method!, headers), null, null);
    }

    private static (ExecutionRequest?, string?, string?) Invalid(string name, string rule) =>
        (null, AppwriteErrors.ArgumentInvalid, $"Invalid `{name}` param: {rule}");

    private static bool IsString(JsonNode node, out string? text)
    {
        text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        return text is not null;
    }

    private static bool ReadBoolean(JsonNode? node, out bool value)
    {
        value = false;
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                value = node.GetValue<bool>();
                return true;
            case JsonValueKind.String:
                var text = node.GetValue<string>();
                value = text is "true" or "1";
                return text is "true" or "1" or "false" or "0";
            default:
                return false;
        }
    }

    // An object, or the same as a JSON string; names are matched case-insensitively downstream, so stored lower-case.
    private static Dictionary<string, string>? ReadHeaders(JsonNode? node)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        if (node.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                node = JsonNode.Parse(node.GetValue<string>());
            }
            catch (JsonException)
            {
                return null;
            }
        }

        if (node is not JsonObject headers)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (value is null || !IsString(value, out var text))
            {
                return null;
            }

            result[name.ToLowerInvariant()] = text!;
        }

        return result;
    }
}
