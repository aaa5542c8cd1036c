using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Contracts;

/// <summary>
/// Writes an <see cref="OperationResult"/> as the serializer would with the wire's camelCase names, except that a
/// document the result was made from is written from the body storage holds (copied after its <c>$</c> fields, never
/// parsed into a tree), and a result already written once (for the exactly-once record) is written again as those bytes.
/// </summary>
internal sealed class OperationResultConverter : JsonConverter<OperationResult>
{

    public override OperationResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options) ?? throw new JsonException("An operation result is null.");
        return new OperationResult
        {
            Index = shape.Index, OpId = shape.OpId, Status = shape.Status ?? throw new JsonException("An operation result has no status."),
            OriginalStatus = shape.OriginalStatus, Resolution = shape.Resolution, ConflictId = shape.ConflictId,
            Retryable = shape.Retryable, Document = shape.Document, Error = shape.Error,
        };
    }

    public override void Write(Utf8JsonWriter writer, OperationResult value, JsonSerializerOptions options)
    {
        if (value.Json is { } json)
        {
            // Written by this converter before: the same bytes.
            writer.WriteRawValue(json, skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("index", value.Index);
        writer.WriteString("opId", value.OpId);
        writer.WriteString("status", value.Status);
        WriteIfSet(writer, "originalStatus", value.OriginalStatus);
        WriteIfSet(writer, "resolution", value.Resolution);
        WriteIfSet(writer, "conflictId", value.ConflictId);
        if (value.Retryable is { } retryable)
        {
            writer.WriteBoolean("retryable", retryable);
        }

        if (value.WritesStored)
        {
            // The body as storage holds it, copied after the $ fields, as a pull writes documents.
            writer.WritePropertyName("document");
            ChangeJsonWriter.ForThisThread.Write(writer, value.Stored!, DocumentJson.BodyUtf8(value.Stored!));
        }
        else if (value.Document is { } document)
        {
            writer.WritePropertyName("document");
            document.WriteTo(writer, options);
        }

        if (value.Error is { } error)
        {
            writer.WritePropertyName("error");
            JsonSerializer.Serialize(writer, error, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    // The result as the serializer reads it, without this converter.
    private sealed record Shape(int Index, string? OpId, string? Status, string? OriginalStatus, string? Resolution,
        string? ConflictId, bool? Retryable, JsonObject? Document, OperationError? Error);
}
