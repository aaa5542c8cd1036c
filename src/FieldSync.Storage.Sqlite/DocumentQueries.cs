using FieldSync.Core.Documents;
using Microsoft.Data.Sqlite;

namespace FieldSync.Storage.Sqlite;

/// <summary>Reads of single documents, shared by transactions and read views.</summary>
internal static class DocumentQueries
{
    public static async Task<SyncDocument?> GetAsync(SqliteConnection connection, SqliteTransaction transaction, string collection,
        string id, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction,
            $"SELECT {DocumentRows.Columns} FROM documents WHERE collection = $collection AND id = $id",
            ("$collection", collection), ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? DocumentRows.Read(reader) : null;
    }
}
