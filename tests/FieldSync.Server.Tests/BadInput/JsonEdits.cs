using System.Globalization;
using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.BadInput;

/// <summary>Breaks one member of a request, named by a path such as <c>queuedOperations[0].baseVersion</c>.</summary>
public static class JsonEdits
{
    /// <summary>Sets the member at <paramref name="path"/> to the JSON text <paramref name="valueJson"/>.</summary>
    public static JsonObject With(this JsonObject request, string path, string valueJson)
    {
        var (parent, last) = ParentOf(request, path);
        var value = JsonNode.Parse(valueJson);
        if (Index(last) is var (name, index))
        {
            parent[name]![index] = value;
        }
        else
        {
            parent[last] = value;
        }

        return request;
    }

    /// <summary>Removes the member at <paramref name="path"/>.</summary>
    public static JsonObject Without(this JsonObject request, string path)
    {
        var (parent, last) = ParentOf(request, path);
        parent.AsObject().Remove(last);
        return request;
    }

    private static (JsonNode Parent, string Last) ParentOf(JsonObject request, string path)
    {
        var parts = path.Split('.');
        JsonNode parent = request;
        foreach (var part in parts[..^1])
        {
            parent = Index(part) is var (name, index) ? parent[name]![index]! : parent[part]!;
        }

        return (parent, parts[^1]);
    }

    private static (string Name, int Index)? Index(string part)
    {
        var open = part.IndexOf('[', StringComparison.Ordinal);
        return open < 0 ? null : (part[..open], int.Parse(part[(open + 1)..^1], CultureInfo.InvariantCulture));
    }
}
