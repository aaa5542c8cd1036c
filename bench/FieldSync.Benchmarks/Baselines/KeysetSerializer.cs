using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace FieldSync.Benchmarks.Baselines;

/// <summary>
/// The server's work without the server: keyset pages read from its SQLite file and each document written as the
/// wire's flat JSON (<c>$</c> metadata, then the body's fields) with <see cref="Utf8JsonWriter"/>, in this process,
/// the bytes thrown away page by page. No HTTP, no authentication, no logs.
/// </summary>
internal static class KeysetSerializer
{
    public static (long Documents, long Bytes, TimeSpan Elapsed) Run(string databasePath, string facility, int pageLimit)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT seq, collection, id, version, created_at, updated_at, body FROM documents " +
            "WHERE facility_id = $f AND deleted = 0 AND seq > $after ORDER BY seq LIMIT $limit";
        read.Parameters.AddWithValue("$f", facility);
        var after = read.Parameters.AddWithValue("$after", 0L);
        read.Parameters.AddWithValue("$limit", pageLimit);
        read.Prepare();
        var output = new ArrayBufferWriter<byte>(1 << 20);
        using var json = new Utf8JsonWriter(output);
        long documents = 0, bytes = 0;
        while (true)
        {
            var rows = 0;
            json.WriteStartObject();
            json.WriteStartArray("documents");
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    after.Value = reader.GetInt64(0);
                    Write(json, reader);
                    rows++;
                }
            }

            json.WriteEndArray();
            json.WriteStartArray("deletions");
            json.WriteEndArray();
            json.WriteString("checkpoint", after.Value!.ToString());
            json.WriteBoolean("hasMore", rows == pageLimit);
            json.WriteEndObject();
            json.Flush();
            bytes += output.WrittenCount;
            output.ResetWrittenCount();
            json.Reset();
            documents += rows;
            if (rows < pageLimit)
            {
                return (documents, bytes, watch.Elapsed);
            }
        }
    }

    private static void Write(Utf8JsonWriter json, SqliteDataReader row)
    {
        json.WriteStartObject();
        json.WriteString("$id", row.GetString(2));
        json.WriteString("$collection", row.GetString(1));
        json.WriteNumber("$version", row.GetInt64(3));
        json.WriteString("$createdAt", row.GetString(4));
        json.WriteString("$updatedAt", row.GetString(5));
        using (var body = JsonDocument.Parse(row.GetString(6)))
        {
            foreach (var field in body.RootElement.EnumerateObject())
            {
                field.WriteTo(json);
            }
        }

        json.WriteEndObject();
    }
}
