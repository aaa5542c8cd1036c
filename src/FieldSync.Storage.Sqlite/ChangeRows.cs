using FieldSync.Core.Storage;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>Maps the rows of <see cref="SqliteChangeQueries"/> to <see cref="StoredChange"/>.</summary>
internal static class ChangeRows
{
    public static StoredChange Read(SqliteDataReader row) => new()
    {
        Collection = row.GetString(0),
        Id = row.GetString(1),
        FacilityId = row.GetString(2),
        Version = row.GetInt64(3),
        Sequence = row.GetInt64(4),
        CreatedAt = DocumentRows.ParseTime(row.GetString(5)),
        UpdatedAt = DocumentRows.ParseTime(row.GetString(6)),
        Deleted = row.GetInt64(7) != 0,
        // The UTF-8 text as SQLite holds it: no string, no parse.
        Body = row.GetFieldValue<byte[]>(8),
    };
}
