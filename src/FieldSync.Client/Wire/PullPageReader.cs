using System.Text.Json;
using System.Text.Unicode;
using FieldSync.Client.Sync;

namespace FieldSync.Client.Wire;

/// <summary>
/// Reads a pull response in one pass over its UTF-8 bytes. Each document is kept as the text the server sent, with only
/// its <c>$id</c>, <c>$collection</c> and <c>$version</c> read out: a first sync stores hundreds of thousands of documents,
/// and building a node tree of each only to write it back to text cost more than storing it.
/// </summary>
internal static class PullPageReader
{
    /// <summary>Reads one pull response; the page it returns keeps <paramref name="bytes"/> (its documents are slices of them).</summary>
    /// <exception cref="JsonException">The bytes are not JSON, or a field has the wrong JSON type.</exception>
    /// <exception cref="FieldSyncException">The page is not UTF-8, or a document lacks <c>$id</c>, <c>$collection</c> or
    /// <c>$version</c> (<c>bad_response</c>).</exception>
    public static PullResponseBody Read(PooledBytes bytes) =>
        // Documents are stored as they came, so their bytes are checked here, where the parser never decodes them.
        Utf8.IsValid(bytes.Segment)
            ? Parse(bytes.Segment) with { Bytes = bytes }
            : throw SyncErrors.BadResponse("a pull page that is not UTF-8.");

    private static PullResponseBody Parse(ArraySegment<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a JSON object");
        IReadOnlyList<PulledDocument>? documents = null;
        IReadOnlyList<DeletionNotice>? deletions = null;
        IReadOnlyList<string>? facilities = null;
        string? checkpoint = null;
        var hasMore = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader;
            reader.Read();
            if (name.ValueTextEquals("documents"u8))
            {
                documents = ReadDocuments(ref reader, json);
            }
            else if (name.ValueTextEquals("deletions"u8))
            {
                deletions = JsonSerializer.Deserialize(ref reader, WireJson.Default.IReadOnlyListDeletionNotice);
            }
            else if (name.ValueTextEquals("checkpoint"u8))
            {
                checkpoint = reader.TokenType == JsonTokenType.Null ? null : Text(ref reader, "checkpoint");
            }
            else if (name.ValueTextEquals("hasMore"u8))
            {
                Expect(reader.TokenType is JsonTokenType.True or JsonTokenType.False, "hasMore as true or false");
                hasMore = reader.GetBoolean();
            }
            else if (name.ValueTextEquals("facilities"u8))
            {
                facilities = JsonSerializer.Deserialize(ref reader, WireJson.Default.IReadOnlyListString);
            }
            else
            {
                reader.Skip();
            }
        }

        Expect(reader.TokenType == JsonTokenType.EndObject, "a JSON object");
        return new PullResponseBody(documents, deletions, checkpoint, hasMore, facilities);
    }

    private static List<PulledDocument>? ReadDocuments(ref Utf8JsonReader reader, ArraySegment<byte> json)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(reader.TokenType == JsonTokenType.StartArray, "documents as an array");
        var documents = new List<PulledDocument>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            documents.Add(ReadDocument(ref reader, json));
        }

        return documents;
    }

    private static PulledDocument ReadDocument(ref Utf8JsonReader reader, ArraySegment<byte> json)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, "each document as an object");
        var start = (int)reader.TokenStartIndex;
        (string? collection, string? id, long? version) = (null, null, null);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("$id"u8))
            {
                id = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("$collection"u8))
            {
                collection = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("$version"u8))
            {
                reader.Read();
                version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) ? number : null;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (collection is null || id is null || version is not { } known)
        {
            throw SyncErrors.BadResponse("a pulled document lacks $id, $collection or $version.");
        }

        return new PulledDocument(collection, id, known, json.AsMemory()[start..(int)reader.BytesConsumed]);
    }

    // The value after a property name when it is a string; null (and the value skipped) when it is anything else.
    private static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        reader.Skip();
        return text;
    }

    private static string Text(ref Utf8JsonReader reader, string what)
    {
        Expect(reader.TokenType == JsonTokenType.String, what + " as a string");
        return reader.GetString()!;
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new JsonException($"expected {what}.");
        }
    }
}
