using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FieldSync.Core.Contracts;

/// <summary>
/// Reads every JSON object of a request (an operation's data, a resolve's client data, a document to validate) with
/// case-sensitive field names, like stored documents, and refuses an object that names a field twice. The wire's options
/// match property names case-insensitively, and an object the serializer made with them would too: <c>phone</c> and
/// <c>Phone</c> would be one field. Either way, an object with two fields of one name made the serializer's object throw
/// an <see cref="ArgumentException"/> once it was read, which the server answered with a 500; now it is a
/// <see cref="JsonException"/>, a 400 naming the object. Data read this way and without server-owned <c>$</c> fields
/// becomes a document's body as it is, without a copy of every value (<see cref="Documents.DocumentJson.WithoutMetadata"/>).
/// </summary>
public sealed class CaseSensitiveObjectConverter : JsonConverter<JsonObject>
{
    private static readonly JsonSerializerOptions _noDuplicates = new() { AllowDuplicateProperties = false };

    /// <inheritdoc />
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a JSON object.");
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.Deserialize<JsonElement>(ref reader, _noDuplicates);
        }
        catch (JsonException e)
        {
            // Without a path of its own, so that the caller's serializer names the object within the request.
            throw new JsonException(e.Message, e);
        }

        return JsonObject.Create(element)!;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        value.WriteTo(writer, options);
    }
}
