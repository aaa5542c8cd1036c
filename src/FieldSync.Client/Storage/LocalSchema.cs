using Microsoft.Data.Sqlite;

namespace FieldSync.Client.Storage;

/// <summary>
/// The tables of the device's file. <c>documents</c> holds what the app sees (<c>body</c>, null while a local delete
/// waits) and, while local edits wait in the outbox (<c>dirty</c>), the newest server copy beside it (<c>server_body</c>,
/// null when the server has none or deleted it), so a refusal can restore the server's version and a pull never
/// overwrites a pending edit. <c>version</c> is the newest server <c>$version</c> known, <c>base_version</c> the one the
/// pending edits started from.
/// </summary>
internal static class LocalSchema
{
    public const int Version = 1;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

        CREATE TABLE IF NOT EXISTS documents (
            collection TEXT NOT NULL, id TEXT NOT NULL,
            body TEXT, version INTEGER, base_version INTEGER, server_body TEXT, dirty INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (collection, id)) STRICT;

        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,
            collection TEXT NOT NULL, document_id TEXT NOT NULL, data TEXT, base_version INTEGER,
            base_pending INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT) STRICT;
        CREATE INDEX IF NOT EXISTS ix_outbox_document ON outbox (collection, document_id, seq);

        CREATE TABLE IF NOT EXISTS checkpoints (collection TEXT PRIMARY KEY, checkpoint TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;

        CREATE TABLE IF NOT EXISTS rejected_operations (
            op_id TEXT PRIMARY KEY, type TEXT NOT NULL, collection TEXT NOT NULL, document_id TEXT NOT NULL, data TEXT,
            base_version INTEGER, code TEXT NOT NULL, message TEXT NOT NULL, problems TEXT NOT NULL,
            created_at TEXT NOT NULL, rejected_at TEXT NOT NULL) STRICT;
        """;

    /// <summary>Creates the tables when missing and returns the device id the file belongs to.</summary>
    /// <exception cref="InvalidOperationException">The file was made by a newer SDK, or belongs to another device.</exception>
    public static string Apply(SqliteConnection connection, string? deviceId)
    {
        // WAL lets readers go on during a pull page; FULL makes every committed local edit survive a power cut.
        Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, Tables);
        var version = Read(connection, transaction, "schema_version");
        if (version is not null && int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) > Version)
        {
            throw new InvalidOperationException($"The local database was made by a newer FieldSync.Client (schema {version}); update the app.");
        }

        var stored = Read(connection, transaction, "device_id");
        if (stored is not null && deviceId is not null && stored != deviceId)
        {
            throw new InvalidOperationException(
                $"The local database belongs to device '{stored}', not '{deviceId}': the server deduplicates operations per device, " +
                "so a file must keep its device id. Use another DatabasePath for another device.");
        }

        var device = stored ?? deviceId ?? "device-" + Guid.NewGuid().ToString("N");
        Write(connection, transaction, "device_id", device);
        Write(connection, transaction, "schema_version", Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        transaction.Commit();
        return device;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Read(SqliteConnection connection, SqliteTransaction transaction, string key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM store_info WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private static void Write(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO store_info (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }
}
