namespace FieldSync.Storage.Postgres;

/// <summary>Where the PostgreSQL store connects.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=fieldsync;Username=fieldsync;Password=…</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";
}
