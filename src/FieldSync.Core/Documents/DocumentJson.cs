using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FieldSync.Core.Documents;

/// <summary>Turns stored documents into the flat JSON objects of the wire, and back.</summary>
public static class DocumentJson
{
    /// <summary>Formats a server time the one way the API writes times: ISO 8601 UTC with seven decimals.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The document as the API shows it: <c>$id</c>, <c>$collection</c>, <c>$version</c>, times, then the data.</summary>
    public static JsonObject ToWire(SyncDocument document)
    {
        var wire = new JsonObject
        {
            ["$id"] = document.Id,
            ["$collection"] = document.Collection,
            ["$version"] = document.Version,
            ["$createdAt"] = FormatTime(document.CreatedAt),
            ["$updatedAt"] = FormatTime(document.UpdatedAt),
        };
        foreach (var (name, value) in document.Body)
        {
            wire[name] = value?.DeepClone();
        }

        return wire;
    }

    /// <summary>
    /// Writes the document as <see cref="ToWire"/> shows it straight to <paramref name="writer"/>, without building a
    /// copy of it first: a pull writes many thousand documents, and the copy cost more than the writing.
    /// </summary>
    public static void WriteWire(Utf8JsonWriter writer, SyncDocument document)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(document);
        writer.WriteStartObject();
        writer.WriteString("$id", document.Id);
        writer.WriteString("$collection", document.Collection);
        writer.WriteNumber("$version", document.Version);
        WriteTime(writer, "$createdAt", document.CreatedAt);
        WriteTime(writer, "$updatedAt", document.UpdatedAt);
        foreach (var (name, value) in document.Body)
        {
            writer.WritePropertyName(name);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>A copy of <paramref name="data"/> without the server-owned <c>$</c> fields, which clients may not set.</summary>
    public static JsonObject WithoutMetadata(JsonObject data)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in data)
        {
            if (!name.StartsWith('$'))
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[28];
        _ = time.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }
}
