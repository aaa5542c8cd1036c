using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>Reads of single documents, shared by transactions and read views.</summary>
internal static class DocumentQueries
{
    /// <summary>The one document of <c>$collection</c> and <c>$id</c>.</summary>
    public const string ByKey = $"SELECT {DocumentRows.Columns} FROM documents WHERE collection = $collection AND id = $id";

    public static async Task<SyncDocument?> GetAsync(SqliteConnection connection, SqliteTransaction transaction, string collection,
        string id, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, ByKey, ("$collection", collection), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }

    /// <summary>Runs a <see cref="ByKey"/> command and reads its row.</summary>
    public static SyncDocument? Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? DocumentRows.Read(reader) : null;
    }
}
