using System.Buffers;
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
    /// The document as <see cref="ToWire"/> shows it, as UTF-8 JSON; a body storage holds as JSON is copied, not parsed.
    /// </summary>
    public static byte[] ToWireUtf8(SyncDocument document)
    {
        var body = BodyUtf8(document);
        var output = new ArrayBufferWriter<byte>(body.Length + 192);
        using (var writer = new Utf8JsonWriter(output))
        {
            ChangeJsonWriter.ForThisThread.Write(writer, document, body);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The body of <paramref name="document"/> as UTF-8 JSON: the bytes storage holds, else serialized now.</summary>
    public static byte[] BodyUtf8(SyncDocument document) => document.BodyJson ?? JsonSerializer.SerializeToUtf8Bytes(document.Body);

    /// <summary>
    /// <paramref name="data"/> without the server-owned <c>$</c> fields, which clients may not set, and with case-sensitive
    /// field names. Data that already is so (request objects, read by <c>CaseSensitiveObjectConverter</c>) is returned as it
    /// is: the caller takes it over as a new document's body or a change, and must not hand it to anyone else. Other data
    /// is copied.
    /// </summary>
    public static JsonObject WithoutMetadata(JsonObject data)
    {
        if (data.Parent is null && data.Options?.PropertyNameCaseInsensitive != true && !HasMetadata(data))
        {
            return data;
        }

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

    private static bool HasMetadata(JsonObject data)
    {
        foreach (var (name, _) in data)
        {
            if (name.StartsWith('$'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes a property holding a server time as <see cref="FormatTime"/> formats it, without a string.</summary>
    internal static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset time)
    {
        Span<char> text = stackalloc char[28];
        _ = time.UtcDateTime.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }
}
