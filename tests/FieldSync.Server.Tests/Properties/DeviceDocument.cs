using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Properties;

/// <summary>A document as a device or the server holds it: version, tombstone flag and the data fields (no <c>$</c> fields).</summary>
internal sealed record DeviceDocument(string Collection, string Id, long Version, bool Deleted, JsonObject Fields)
{
    /// <summary>The collection and id, as one key.</summary>
    public string Key => KeyOf(Collection, Id);

    /// <summary>The owning facility named by the data, or null.</summary>
    public string? FacilityId => Fields["facility_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    public static string KeyOf(string collection, string id) => collection + "/" + id;

    /// <summary>Reads a document as the API sends it (flat, with <c>$id</c>, <c>$collection</c>, <c>$version</c>).</summary>
    public static DeviceDocument FromWire(JsonObject wire)
    {
        var fields = new JsonObject();
        foreach (var (name, value) in wire)
        {
            if (!name.StartsWith('$'))
            {
                fields[name] = value?.DeepClone();
            }
        }

        return new DeviceDocument(
            wire["$collection"]!.GetValue<string>(), wire["$id"]!.GetValue<string>(), wire["$version"]!.GetValue<long>(), false, fields);
    }

    /// <summary>Whether both say the same version, deletion and data.</summary>
    public bool SameAs(DeviceDocument other) =>
        Version == other.Version && Deleted == other.Deleted && JsonNode.DeepEquals(Fields, other.Fields);

    /// <summary>The data with its fields in name order, so two descriptions compare by eye.</summary>
    public static string Canonical(JsonObject fields)
    {
        var sorted = new JsonObject();
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sorted[name] = value?.DeepClone();
        }

        return sorted.ToJsonString();
    }

    public override string ToString() => $"v{Version}{(Deleted ? " deleted" : "")} {Canonical(Fields)}";
}
