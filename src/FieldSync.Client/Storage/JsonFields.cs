using System.Text.Json.Nodes;

namespace FieldSync.Client.Storage;

/// <summary>Field arithmetic on flat documents: the server's <c>$</c> metadata apart from the data fields.</summary>
internal static class JsonFields
{
    private static readonly string[] _metadata = ["$version", "$createdAt", "$updatedAt"];

    /// <summary>The data fields only (no <c>$</c> fields), copied.</summary>
    public static JsonObject Data(JsonObject document)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (!name.StartsWith('$'))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>The fields an edit changes: new or different values, and null for fields it removes.</summary>
    public static JsonObject Diff(JsonObject current, JsonObject next)
    {
        var changes = new JsonObject();
        foreach (var (name, value) in next)
        {
            if (!name.StartsWith('$') && !(current.TryGetPropertyValue(name, out var old) && JsonNode.DeepEquals(old, value)))
            {
                changes[name] = value?.DeepClone();
            }
        }

        foreach (var (name, _) in current)
        {
            if (!name.StartsWith('$') && !next.ContainsKey(name))
            {
                changes[name] = null;
            }
        }

        return changes;
    }

    /// <summary>An earlier set of changes with later ones laid over it.</summary>
    public static JsonObject Union(JsonObject? earlier, JsonObject later)
    {
        var union = earlier?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in later)
        {
            union[name] = value?.DeepClone();
        }

        return union;
    }

    /// <summary>The local view of a document: its id, collection and server metadata (if it has a server copy), then the data.</summary>
    public static JsonObject Compose(string collection, string id, JsonObject? previous, JsonObject data)
    {
        var document = new JsonObject { ["$id"] = id, ["$collection"] = collection };
        foreach (var name in _metadata)
        {
            if (previous?[name] is { } value)
            {
                document[name] = value.DeepClone();
            }
        }

        foreach (var (name, value) in data)
        {
            if (!name.StartsWith('$'))
            {
                document[name] = value?.DeepClone();
            }
        }

        return document;
    }

    /// <summary>The <c>$version</c> of a server document; null when absent.</summary>
    public static long? Version(JsonObject? document) =>
        document?["$version"] is JsonValue value && value.TryGetValue<long>(out var version) ? version : null;

    /// <summary>A string field, e.g. <c>$id</c>; null when absent or not a string.</summary>
    public static string? Text(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
