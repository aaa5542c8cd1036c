using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FieldSync.Core.Contracts;

/// <summary>
/// Reads the data of a queued operation as a JSON object whose field names are case-sensitive, like stored documents.
/// The wire's options match property names case-insensitively, and an object the serializer made with them would too:
/// <c>phone</c> and <c>Phone</c> would be one field. Read this way, data without server-owned <c>$</c> fields becomes the
/// document's body as it is, instead of through a copy of every value (<see cref="Documents.DocumentJson.WithoutMetadata"/>).
/// </summary>
internal sealed class DocumentDataConverter : JsonConverter<JsonObject>
{
    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("The data of an operation must be a JSON object.");

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}
