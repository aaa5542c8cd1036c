using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Storage;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// The <c>queries[]</c> of <c>listExecutions</c> that FieldSync understands: <c>limit</c>, <c>offset</c>,
/// <c>equal("status", …)</c> and the default order <c>orderDesc("$createdAt")</c>. Any other query is refused by name.
/// </summary>
public static class ExecutionQueries
{
    /// <summary>The page size when no <c>limit</c> is given, as on Appwrite.</summary>
    public const int DefaultLimit = 25;

    /// <summary>The largest <c>limit</c> and <c>total</c>, as on Appwrite.</summary>
    public const int MaxCount = 5000;

    /// <summary>The storage query, or the reason the queries are refused.</summary>
    public static (ExecutionQuery? Query, string? Error) Parse(IQueryCollection parameters, string functionId, string? userId)
    {
        var (limit, offset, status) = (DefaultLimit, 0, (string?)null);
        foreach (var text in parameters.Where(p => p.Key.StartsWith("queries", StringComparison.Ordinal)).SelectMany(p => p.Value))
        {
            var query = Read(text);
            var values = query?["values"] as JsonArray;
            switch (Text(query?["method"]))
            {
                case "limit" when Integer(values) is { } n and >= 1 and <= MaxCount:
                    limit = n;
                    break;
                case "offset" when Integer(values) is { } n and >= 0:
                    offset = n;
                    break;
                case "equal" when Text(query!["attribute"]) == "status" && values is [var v] && Text(v) is { } value:
                    status = value;
                    break;
                case "orderDesc" when Text(query!["attribute"]) == "$createdAt":
                    break;
                default:
                    return (null, $"Invalid query: {Core.Sync.RequestGuards.Shorten(text ?? "")}. FieldSync lists executions with limit " +
                        $"(1 to {MaxCount}), offset, equal(\"status\", …) and orderDesc(\"$createdAt\") only.");
            }
        }

        return (new ExecutionQuery(functionId, userId, status, limit, offset), null);
    }

    private static JsonObject? Read(string? text)
    {
        try
        {
            return text is null ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static int? Integer(JsonArray? values) =>
        values is [JsonValue v] && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}
