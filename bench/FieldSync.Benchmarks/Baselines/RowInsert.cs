using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>A plain <c>INSERT</c> of a log row, every given column bound as read, prepared once per transaction.</summary>
internal sealed class RowInsert : IDisposable
{
    private readonly SqliteCommand _insert;

    public RowInsert(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns)
    {
        _insert = connection.CreateCommand();
        _insert.Transaction = transaction;
        _insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns.Count; i++)
        {
            _insert.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value);
        }

        _insert.Prepare();
    }

    /// <summary>Inserts one row, <paramref name="values"/> in the order of the columns given at construction.</summary>
    public void Execute(object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        _insert.ExecuteNonQuery();
    }

    public void Dispose() => _insert.Dispose();
}
