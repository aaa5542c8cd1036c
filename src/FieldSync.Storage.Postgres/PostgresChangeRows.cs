using System.Text;
using FieldSync.Core.Storage;
using Npgsql;

namespace FieldSync.Storage.Postgres;

/// <summary>Maps the rows of a change query to <see cref="StoredChange"/>.</summary>
internal static class PostgresChangeRows
{
    /// <summary>The columns of a change query, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body::text";

    public static StoredChange Read(NpgsqlDataReader row) => new()
    {
        Collection = row.GetString(0),
        Id = row.GetString(1),
        FacilityId = row.GetString(2),
        Version = row.GetInt64(3),
        Sequence = row.GetInt64(4),
        CreatedAt = row.GetFieldValue<DateTimeOffset>(5),
        UpdatedAt = row.GetFieldValue<DateTimeOffset>(6),
        Deleted = row.GetBoolean(7),
        Body = Encoding.UTF8.GetBytes(row.GetString(8)),
    };
}
