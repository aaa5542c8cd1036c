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

    [ThreadStatic]
    private static ChangeJsonWriter? t_forThisThread;

    /// <summary>A writer of the calling thread's own, for writes that run on one thread from start to end.</summary>
    internal static ChangeJsonWriter ForThisThread => t_forThisThread ??= new ChangeJsonWriter();

    /// <summary>A writer with its own scratch buffer for one document.</summary>
    public ChangeJsonWriter() => _metadata = new Utf8JsonWriter(_document);

    /// <summary>Writes <paramref name="change"/> as one value of the array or property <paramref name="writer"/> is at.</summary>
    /// <exception cref="FormatException">The stored body is not a JSON object.</exception>
    public void Write(Utf8JsonWriter writer, StoredChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Write(writer, change.Id, change.Collection, change.Version, change.CreatedAt, change.UpdatedAt, change.Body.Span);
    }

    /// <summary>Writes <paramref name="document"/> as the wire shows it, its fields copied from <paramref name="bodyJson"/>.</summary>
    /// <exception cref="FormatException">The body is not a JSON object.</exception>
    public void Write(Utf8JsonWriter writer, SyncDocument document, ReadOnlySpan<byte> bodyJson)
    {
        ArgumentNullException.ThrowIfNull(document);
        Write(writer, document.Id, document.Collection, document.Version, document.CreatedAt, document.UpdatedAt, bodyJson);
    }

    private void Write(Utf8JsonWriter writer, string id, string collection, long version, DateTimeOffset createdAt,
        DateTimeOffset updatedAt, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _document.ResetWrittenCount();
        _metadata.Reset();
        _metadata.WriteStartObject();
        _metadata.WriteString("$id", id);
        _metadata.WriteString("$collection", collection);
        _metadata.WriteNumber("$version", version);
        DocumentJson.WriteTime(_metadata, "$createdAt", createdAt);
        DocumentJson.WriteTime(_metadata, "$updatedAt", updatedAt);
        // The object stays open: the body's own fields follow, and its closing brace closes the document.
        _metadata.Flush();
        AppendFields(body);
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
