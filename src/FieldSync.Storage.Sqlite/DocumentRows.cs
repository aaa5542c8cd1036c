using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FieldSync.Core.Documents;
using SQLitePCL;

namespace FieldSync.Storage.Sqlite;

/// <summary>Maps <c>documents</c> rows to <see cref="SyncDocument"/> and back.</summary>
internal static class DocumentRows
{
    // DocumentJson.FormatTime's format: the one way times are stored.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body, field_meta";

    /// <summary>The document of the row a <see cref="BoundStatement"/> stands on, read from SQLite's own column values.</summary>
    public static SyncDocument Read(sqlite3_stmt row) => new()
    {
        Collection = Text(row, 0),
        Id = Text(row, 1),
        FacilityId = Text(row, 2),
        Version = raw.sqlite3_column_int64(row, 3),
        Sequence = raw.sqlite3_column_int64(row, 4),
        CreatedAt = ParseTime(Text(row, 5)),
        UpdatedAt = ParseTime(Text(row, 6)),
        Deleted = raw.sqlite3_column_int64(row, 7) != 0,
        // The UTF-8 bytes as stored, parsed only if the body is used: a document read to be deleted or looked up by reference
        // is not, and responses and log rows copy the bytes.
        BodyJson = raw.sqlite3_column_blob(row, 8).ToArray(),
        FieldEdits = new StoredFieldEdits(raw.sqlite3_column_blob(row, 9).ToArray()),
    };

    // Written straight as UTF-8 (bound as a blob and stored as text by CAST), with each distinct time formatted once: most
    // fields of a document share their edit time.
    public static byte[] WriteEdits(IReadOnlyDictionary<string, FieldEdit> edits)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + edits.Count * 48);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Span<char> time = stackalloc char[32];
            var timeLength = 0;
            DateTimeOffset? formatted = null;
            writer.WriteStartObject();
            foreach (var (field, edit) in edits)
            {
                if (formatted != edit.EditedAt)
                {
                    _ = edit.EditedAt.UtcDateTime.TryFormat(time, out timeLength, TimeFormat, CultureInfo.InvariantCulture);
                    formatted = edit.EditedAt;
                }

                writer.WriteStartArray(field);
                writer.WriteNumberValue(edit.Version);
                writer.WriteStringValue(time[..timeLength]);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string Text(sqlite3_stmt row, int column) => raw.sqlite3_column_text(row, column).utf8_to_string();

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // Most fields of a document share their edit time: each distinct time is parsed once.
    public static Dictionary<string, FieldEdit> ReadEdits(byte[] json)
    {
        var edits = new Dictionary<string, FieldEdit>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        string? lastText = null;
        var lastTime = default(DateTimeOffset);
        foreach (var field in document.RootElement.EnumerateObject())
        {
            var time = field.Value[1];
            if (lastText is null || !time.ValueEquals(lastText))
            {
                lastText = time.GetString()!;
                lastTime = ParseTime(lastText);
            }

            edits[field.Name] = new FieldEdit(field.Value[0].GetInt64(), lastTime);
        }

        return edits;
    }
}
