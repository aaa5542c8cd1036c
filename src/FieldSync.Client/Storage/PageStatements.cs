using FieldSync.Client.Wire;
using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

/// <summary>
/// The statements that store a pull page, each prepared once per page and run again with new values: SQLite compiles
/// the SQL of a new command every time, which cost more than the row it wrote when a page of 500 made 500 commands.
/// </summary>
internal sealed class PageStatements : IDisposable
{
    // A document with queued edits keeps them (the server copy waits beside them); nothing goes back to an older version.
    private const string UpsertSql = """
        INSERT INTO documents (collection, id, body, version, dirty) VALUES ($c, $i, $b, $v, 0)
        ON CONFLICT (collection, id) DO UPDATE SET
            body = CASE WHEN dirty = 0 THEN excluded.body ELSE body END,
            server_body = CASE WHEN dirty = 0 THEN NULL ELSE excluded.body END,
            version = excluded.version
        WHERE version IS NULL OR version <= excluded.version
        """;

    private const string DeleteSql = """
        DELETE FROM documents WHERE collection = $c AND id = $i AND dirty = 0 AND (version IS NULL OR version <= $v);
        UPDATE documents SET server_body = NULL, version = $v
        WHERE collection = $c AND id = $i AND dirty = 1 AND (version IS NULL OR version <= $v);
        """;

    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;

    public PageStatements(SqliteTransaction transaction)
    {
        _upsert = Prepare(transaction, UpsertSql, "$c", "$i", "$b", "$v");
        _delete = Prepare(transaction, DeleteSql, "$c", "$i", "$v");
    }

    /// <summary>Stores the server's copy of a document (kept aside when the device has queued edits of it).</summary>
    public void Store(PulledDocument document)
    {
        var values = _upsert.Parameters;
        (values[0].Value, values[1].Value, values[2].Value, values[3].Value) =
            (document.Collection, document.Id, document.Text(), document.Version);
        _upsert.ExecuteNonQuery();
    }

    /// <summary>Removes a deleted document, or only its server copy when the device has queued edits of it.</summary>
    public void Delete(DeletionNotice deletion)
    {
        var values = _delete.Parameters;
        (values[0].Value, values[1].Value, values[2].Value) = (deletion.Collection, deletion.Id, deletion.Version);
        _delete.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
    }

    private static SqliteCommand Prepare(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = Db.Command(transaction, sql);
        foreach (var name in names)
        {
            command.Parameters.Add(name, name == "$v" ? SqliteType.Integer : SqliteType.Text);
        }

        command.Prepare();
        return command;
    }
}
