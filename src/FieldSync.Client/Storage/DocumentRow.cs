using System.Text.Json.Nodes;

namespace FieldSync.Client.Storage;

/// <summary>A row of the local <c>documents</c> table; see <see cref="LocalSchema"/> for what each column means.</summary>
internal sealed record DocumentRow(string Collection, string Id, JsonObject? Body, long? Version, JsonObject? ServerBody, bool Dirty)
{
    public const string Columns = "collection, id, body, version, server_body, dirty";

    public static DocumentRow Read(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), Db.Json(reader, 2), Db.Long(reader, 3), Db.Json(reader, 4), reader.GetInt64(5) != 0);
}
