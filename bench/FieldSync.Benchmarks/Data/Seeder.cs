using System.Diagnostics;
using FieldSync.Core.Documents;
using FieldSync.Core.Security;
using FieldSync.Server.Auth;
using FieldSync.Storage.Sqlite;

namespace FieldSync.Benchmarks.Data;

/// <summary>
/// Bulk-loads a server data directory through the storage interface itself (<c>ISyncStore.BeginAsync</c> and
/// <c>SaveAsync</c>, many documents per transaction): the rows, sequences and field metadata are exactly what the
/// server writes, without the HTTP and per-operation commits that would make a million documents take an hour.
/// </summary>
internal static class Seeder
{
    public const int TransactionSize = 20_000;

    /// <summary>Creates the schema and writes <paramref name="documents"/>; returns the time it took.</summary>
    public static async Task<TimeSpan> SeedAsync(string dataDirectory, IEnumerable<SyncDocument> documents,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var watch = Stopwatch.StartNew();
        await using var store = Open(dataDirectory);
        await store.InitializeAsync(cancellationToken);
        using var batch = documents.GetEnumerator();
        var more = batch.MoveNext();
        while (more)
        {
            await using var transaction = await store.BeginAsync(cancellationToken);
            for (var i = 0; i < TransactionSize && more; i++, more = batch.MoveNext())
            {
                await transaction.SaveAsync(batch.Current, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return watch.Elapsed;
    }

    /// <summary>Creates or replaces users in the data directory's database.</summary>
    public static async Task AddUsersAsync(string dataDirectory, IEnumerable<SyncUser> users, CancellationToken cancellationToken)
    {
        await using var store = Open(dataDirectory);
        await store.InitializeAsync(cancellationToken);
        foreach (var user in users)
        {
            await store.SaveUserAsync(user, cancellationToken);
        }
    }

    /// <summary>A bearer token for <paramref name="userId"/>, signed with the data directory's key as the server checks it.</summary>
    public static string TokenFor(string dataDirectory, string userId) =>
        new TokenIssuer(JwtKey.Load(dataDirectory), TimeProvider.System).Issue(userId, TimeSpan.FromHours(6));

    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, "fieldsync.db");

    private static SqliteSyncStore Open(string dataDirectory) =>
        new(new SqliteStoreOptions { DatabasePath = DatabasePath(dataDirectory) }, TimeProvider.System);
}
