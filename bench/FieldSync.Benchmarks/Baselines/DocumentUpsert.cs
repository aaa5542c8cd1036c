using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// The raw baselines' document write, prepared once per transaction: the change sequence bumped by one
/// (<c>UPDATE sequences … RETURNING</c>) and the document upserted under it with the server's own statement.
/// </summary>
internal sealed class DocumentUpsert : IDisposable
{
    /// <summary>The columns of a document row, in the order <see cref="Execute"/> takes their values.</summary>
    public const string Columns = "collection, id, facility_id, version, seq, created_at, updated_at, deleted, body, field_meta";

    private const int SeqIndex = 4;

    private readonly SqliteCommand _sequence;
    private readonly SqliteCommand _upsert;

    public DocumentUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        _sequence = connection.CreateCommand();
        _sequence.Transaction = transaction;
        _sequence.CommandText = "UPDATE sequences SET value = value + 1 WHERE name = 'change' RETURNING value";
        _sequence.Prepare();
        _upsert = connection.CreateCommand();
        _upsert.Transaction = transaction;
        _upsert.CommandText = $"INSERT INTO documents ({Columns}) VALUES ($c, $i, $f, $v, $s, $created, $updated, $d, $b, $m) " +
            "ON CONFLICT (collection, id) DO UPDATE SET facility_id = excluded.facility_id, version = excluded.version, " +
            "seq = excluded.seq, updated_at = excluded.updated_at, deleted = excluded.deleted, body = excluded.body, " +
            "field_meta = excluded.field_meta";
        foreach (var name in new[] { "$c", "$i", "$f", "$v", "$s", "$created", "$updated", "$d", "$b", "$m" })
        {
            _upsert.Parameters.AddWithValue(name, DBNull.Value);
        }

        _upsert.Prepare();
    }

    /// <summary>
    /// Bumps the sequence and upserts the row <paramref name="values"/> (in the order of <see cref="Columns"/>) at the new
    /// sequence; the seq value given is ignored.
    /// </summary>
    public void Execute(object?[] values)
    {
        var seq = (long)_sequence.ExecuteScalar()!;
        for (var i = 0; i < values.Length; i++)
        {
            _upsert.Parameters[i].Value = i == SeqIndex ? seq : values[i] ?? DBNull.Value;
        }

        _upsert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _sequence.Dispose();
        _upsert.Dispose();
    }
}
