namespace FieldSync.Storage.Sqlite;

/// <summary>Where the SQLite store keeps its file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created with its schema on first start. Default: <c>data/fieldsync.db</c>.</summary>
    public string DatabasePath { get; set; } = Path.Combine("data", "fieldsync.db");

    /// <summary>How long a connection waits for a lock before the call fails as transient. Default: 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
