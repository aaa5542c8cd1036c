using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>Maps <c>documents</c> rows to <see cref="SyncDocument"/> and back.</summary>
internal static class PostgresDocumentRows
{
    public const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body::text, field_meta::text";

    public static SyncDocument Read(NpgsqlDataReader row) => new()
    {
        Collection = row.GetString(0),
        Id = row.GetString(1),
        FacilityId = row.GetString(2),
        Version = row.GetInt64(3),
        Sequence = row.GetInt64(4),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(5),
        UpdatedAt = row.GetFieldValue<DateTimeOffset>(6),
        Deleted = row.GetBoolean(7),
        Body = JsonNode.Parse(row.GetString(8))!.AsObject(),
        FieldEdits = ReadEdits(row.GetString(9)),
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

    private static Dictionary<string, FieldEdit> ReadEdits(string json)
    {
        var edits = new Dictionary<string, FieldEdit>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var field in document.RootElement.EnumerateObject())
        {
            edits[field.Name] = new FieldEdit(field.Value[0].GetInt64(),
                DateTimeOffset.Parse(field.Value[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        return edits;
    }

    public static async Task<SyncDocument?> GetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string collection,
        string id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = Pg.Command(connection, transaction,
            $"SELECT {Columns} FROM documents WHERE collection = @collection AND id = @id{(forUpdate ? " FOR UPDATE" : "")}",
            ("collection", collection), ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }
}
