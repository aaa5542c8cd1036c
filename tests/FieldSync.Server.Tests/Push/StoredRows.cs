using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Push;

/// <summary>Reads what the server stored, through its database (SQLite or PostgreSQL, see <see cref="StoredDatabase"/>).</summary>
public static class StoredRows
{
    /// <summary>The single row of <c>documents</c> for the document, or null.</summary>
    public static async Task<IReadOnlyDictionary<string, object?>?> DocumentAsync(StoredDatabase database, string collection, string id) =>
        (await database.QueryAsync("SELECT * FROM documents WHERE collection = @c AND id = @id", ("@c", collection), ("@id", id)))
            .SingleOrDefault();
}
