using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Roles;

/// <summary>
/// <c>raw-copy SOURCE TARGET FACILITY PAGE</c>: the machine's own limit for moving a facility's records onto a device.
/// Keyset pages are read from the server's file, and each page is inserted with one prepared statement into a fresh
/// file (WAL, synchronous FULL, as the SDK's store) in one transaction per page.
/// </summary>
internal static class RawCopyRole
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (source, target, facility, page) = (args[0], args[1], args[2], int.Parse(args[3],
            System.Globalization.CultureInfo.InvariantCulture));
        var watch = Stopwatch.StartNew();
        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source,
            Mode = SqliteOpenMode.ReadOnly }.ToString());
        await using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await from.OpenAsync();
        await to.OpenAsync();
        using (var setup = to.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE documents (collection TEXT NOT NULL, " +
                "id TEXT NOT NULL, body TEXT, version INTEGER, PRIMARY KEY (collection, id)) STRICT;";
            await setup.ExecuteNonQueryAsync();
        }

        using var read = from.CreateCommand();
        read.CommandText = "SELECT seq, collection, id, version, body FROM documents " +
            "WHERE facility_id = $f AND deleted = 0 AND seq > $after " +
            "ORDER BY seq LIMIT $limit";
        var after = read.Parameters.AddWithValue("$after", 0L);
        read.Parameters.AddWithValue("$f", facility);
        read.Parameters.AddWithValue("$limit", page);
        read.Prepare();
        long copied = 0;
        while (true)
        {
            var rows = 0;
            using var transaction = to.BeginTransaction();
            using var insert = to.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO documents (collection, id, body, version) VALUES ($c, $i, $b, $v)";
            var (c, i, b, v) = (insert.Parameters.Add("$c", SqliteType.Text), insert.Parameters.Add("$i", SqliteType.Text),
                insert.Parameters.Add("$b", SqliteType.Text), insert.Parameters.Add("$v", SqliteType.Integer));
            insert.Prepare();
            using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    after.Value = reader.GetInt64(0);
                    (c.Value, i.Value, v.Value, b.Value) = (reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                        reader.GetString(4));
                    await insert.ExecuteNonQueryAsync();
                    rows++;
                }
            }

            await transaction.CommitAsync();
            copied += rows;
            if (rows < page)
            {
                break;
            }
        }

        Console.WriteLine(new ChildResult(copied, watch.Elapsed.TotalSeconds, ChildResult.OwnPeak(), 0).ToJson());
        return 0;
    }
}
