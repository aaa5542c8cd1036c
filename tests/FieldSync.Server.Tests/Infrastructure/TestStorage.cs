using FieldSync.Testing;

namespace FieldSync.Server.Tests.Infrastructure;

/// <summary>
/// Which storage the servers under test run on: SQLite (the default), or PostgreSQL when
/// <c>FIELDSYNC_TEST_STORAGE=postgres</c>, each server on a fresh database of the throwaway test cluster.
/// </summary>
public static class TestStorage
{
    /// <summary>Whether this test run puts its servers on PostgreSQL.</summary>
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("FIELDSYNC_TEST_STORAGE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>A fresh database for a server whose data directory is <paramref name="dataDirectory"/>.</summary>
    public static async Task<StoredDatabase> CreateAsync(string dataDirectory) => IsPostgres
        ? StoredDatabase.Postgres(await PostgresCluster.CreateDatabaseAsync())
        : StoredDatabase.Sqlite(Path.Combine(dataDirectory, "fieldsync.db"));
}
