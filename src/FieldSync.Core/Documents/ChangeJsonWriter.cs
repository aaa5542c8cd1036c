using System.Buffers;
using System.Text.Json;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Documents;

/// <summary>
/// Writes pulled changes as the wire's flat JSON objects: <c>$id</c>, <c>$collection</c>, <c>$version</c>, times, then
/// the body's fields copied as the store holds them, never parsed. One instance serves one response at a time.
/// </summary>
public sealed class ChangeJsonWriter : IDisposable
{
    private static readonly byte[] _whitespace = " \t\r\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _document = new(4096);
    private readonly Utf8JsonWriter _metadata;

    /// <summary>A writer with its own scratch buffer for one document.</summary>
    public ChangeJsonWriter() => _metadata = new Utf8JsonWriter(_document);

    /// <summary>Writes <paramref name="change"/> as one value of the array or property <paramref name="writer"/> is at.</summary>
    /// <exception cref="FormatException">The stored body is not a JSON object.</exception>
    public void Write(Utf8JsonWriter writer, StoredChange change)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(change);
        _document.ResetWrittenCount();
        _metadata.Reset();
        _metadata.WriteStartObject();
        _metadata.WriteString("$id", change.Id);
        _metadata.WriteString("$collection", change.Collection);
        _metadata.WriteNumber("$version", change.Version);
        DocumentJson.WriteTime(_metadata, "$createdAt", change.CreatedAt);
        DocumentJson.WriteTime(_metadata, "$updatedAt", change.UpdatedAt);
        // The object stays open: the body's own fields follow, and its closing brace closes the document.
        _metadata.Flush();
        AppendFields(change.Body.Span);
        // The store holds only bodies the server wrote from parsed JSON, so validating each again would be wasted work.
        writer.WriteRawValue(_document.WrittenSpan, skipInputValidation: true);
    }

    /// <inheritdoc />
    public void Dispose() => _metadata.Dispose();

    private void AppendFields(ReadOnlySpan<byte> body)
    {
        body = body.Trim(_whitespace);
        if (body.Length < 2 || body[0] != (byte)'{' || body[^1] != (byte)'}')
        {
            throw new FormatException("A stored document body is not a JSON object.");
        }

        var fields = body[1..^1].Trim(_whitespace);
        var output = _document.GetSpan(fields.Length + 2);
        var length = 0;
        if (!fields.IsEmpty)
        {
            output[length++] = (byte)',';
            fields.CopyTo(output[length..]);
            length += fields.Length;
        }

        output[length++] = (byte)'}';
        _document.Advance(length);
    }
}
