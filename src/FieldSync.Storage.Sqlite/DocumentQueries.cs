namespace FieldSync.Storage.Sqlite;

/// <summary>Reads of single documents, shared by transactions and read views.</summary>
internal static class DocumentQueries
{
    /// <summary>The one document of <c>$collection</c> and <c>$id</c>.</summary>
    public const string ByKey = $"SELECT {DocumentRows.Columns} FROM documents WHERE collection = $collection AND id = $id";
}
