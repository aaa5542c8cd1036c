using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// Every row one device's push left in the server's database, read back after the push: per operation, in queue order,
/// its document row and its log rows (<see cref="OperationRows"/>), and the device's <c>queue_processing_log</c> rows,
/// one per batch. The log columns are the tables' own, read from the schema, without the <c>INTEGER PRIMARY KEY</c>
/// (rowid) columns, which SQLite assigns.
/// </summary>
internal sealed class PushedRows
{
    public const string Processed = "processed_operations";
    public const string Conflicts = "conflict_log";
    public const string Deletions = "deletion_log";
    public const string Batches = "queue_processing_log";

    private static readonly string[] _tables = [Processed, Conflicts, Deletions, Batches];

    private PushedRows(IReadOnlyDictionary<string, IReadOnlyList<string>> columns, IReadOnlyList<OperationRows> operations,
        IReadOnlyList<object?[]> batchRows) => (Columns, Operations, BatchRows) = (columns, operations, batchRows);

    /// <summary>The columns copied of each log table, by table name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Columns { get; }

    public IReadOnlyList<OperationRows> Operations { get; }

    /// <summary>The device's <c>queue_processing_log</c> rows, one per batch, in the order they were written.</summary>
    public IReadOnlyList<object?[]> BatchRows { get; }

    /// <summary>
    /// Reads the rows <paramref name="deviceId"/>'s push of <paramref name="operations"/> in batches of
    /// <paramref name="batchSize"/> left in the database at <paramref name="databasePath"/> (its write-ahead log included).
    /// </summary>
    /// <exception cref="InvalidOperationException">A row the push must leave is missing, or a log row matches no operation.</exception>
    public static PushedRows Read(string databasePath, string deviceId, IReadOnlyList<JsonObject> operations, int batchSize)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }
            .ToString());
        connection.Open();
        var columns = _tables.ToDictionary(t => t, t => ColumnsOf(connection, t), StringComparer.Ordinal);
        var rows = _tables.ToDictionary(t => t, t => DeviceRows(connection, t, columns[t], deviceId), StringComparer.Ordinal);
        var processed = rows[Processed].ToDictionary(r => (string)r[columns[Processed].IndexOf("op_id")]!, StringComparer.Ordinal);
        var conflicts = rows[Conflicts].ToLookup(r => Key(r, columns[Conflicts]));
        var deletions = rows[Deletions].ToLookup(r => Key(r, columns[Deletions]));
        using var document = connection.CreateCommand();
        document.CommandText = $"SELECT {DocumentUpsert.Columns} FROM documents WHERE collection = $c AND id = $i";
        var (collection, id) = (document.Parameters.AddWithValue("$c", ""), document.Parameters.AddWithValue("$i", ""));
        var result = new List<OperationRows>(operations.Count);
        foreach (var operation in operations)
        {
            var key = ((string)operation["collection"]!, (string)operation["documentId"]!);
            var opId = (string)operation["opId"]!;
            (collection.Value, id.Value) = key;
            result.Add(new OperationRows(ReadAll(document).SingleOrDefault() ?? throw Missing("documents", key.ToString()),
                processed.GetValueOrDefault(opId) ?? throw Missing(Processed, opId), [.. conflicts[key]], [.. deletions[key]]));
        }

        Check(result, rows, (operations.Count + batchSize - 1) / batchSize);
        return new PushedRows(columns.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal), result,
            rows[Batches]);
    }

    // Every log row of the device belongs to one operation of the push, and each batch left its summary.
    private static void Check(List<OperationRows> operations, Dictionary<string, List<object?[]>> rows, int batches)
    {
        var matched = operations.Sum(o => o.Conflicts.Count) == rows[Conflicts].Count
            && operations.Sum(o => o.Deletions.Count) == rows[Deletions].Count
            && rows[Processed].Count == operations.Count && rows[Batches].Count == batches;
        if (!matched)
        {
            throw new InvalidOperationException($"The push left {rows[Processed].Count} {Processed}, {rows[Conflicts].Count} " +
                $"{Conflicts}, {rows[Deletions].Count} {Deletions} and {rows[Batches].Count} {Batches} rows, which do not match " +
                $"its {operations.Count} operations in {batches} batches.");
        }
    }

    private static (string, string) Key(object?[] row, List<string> columns) =>
        ((string)row[columns.IndexOf("collection")]!, (string)row[columns.IndexOf("document_id")]!);

    // The columns of the table in schema order, except an INTEGER PRIMARY KEY: that column is the rowid, which SQLite assigns.
    private static List<string> ColumnsOf(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, pk FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<(string Name, string Type, long Key)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        var rowid = columns.Count(c => c.Key > 0) == 1 && columns.Single(c => c.Key > 0).Type == "INTEGER";
        return [.. columns.Where(c => !(rowid && c.Key > 0)).Select(c => c.Name)];
    }

    private static List<object?[]> DeviceRows(SqliteConnection connection, string table, List<string> columns, string deviceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table} WHERE device_id = $device ORDER BY rowid";
        command.Parameters.AddWithValue("$device", deviceId);
        return ReadAll(command);
    }

    private static List<object?[]> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static InvalidOperationException Missing(string table, string key) =>
        new($"The push left no {table} row for {key}.");
}
