using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>Maps <c>documents</c> rows to <see cref="SyncDocument"/> and back.</summary>
internal static class DocumentRows
{
    public const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body, field_meta";

    public static SyncDocument Read(SqliteDataReader row) => new()
    {
        Collection = row.GetString(0),
        Id = row.GetString(1),
        FacilityId = row.GetString(2),
        Version = row.GetInt64(3),
        Sequence = row.GetInt64(4),
        CreatedAt = ParseTime(row.GetString(5)),
        UpdatedAt = ParseTime(row.GetString(6)),
        Deleted = row.GetInt64(7) != 0,
        Body = JsonNode.Parse(row.GetString(8))!.AsObject(),
        FieldEdits = new StoredFieldEdits(row.GetString(9)),
    };

    public static string WriteEdits(IReadOnlyDictionary<string, FieldEdit> edits)
    {
        var meta = new JsonObject();
        foreach (var (field, edit) in edits)
        {
            meta[field] = new JsonArray(edit.Version, DocumentJson.FormatTime(edit.EditedAt));
        }

        return meta.ToJsonString();
    }

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static Dictionary<string, FieldEdit> ReadEdits(string json)
    {
        var edits = new Dictionary<string, FieldEdit>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var field in document.RootElement.EnumerateObject())
        {
            edits[field.Name] = new FieldEdit(field.Value[0].GetInt64(), ParseTime(field.Value[1].GetString()!));
        }

        return edits;
    }
}
