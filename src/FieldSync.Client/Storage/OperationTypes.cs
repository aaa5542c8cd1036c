namespace FieldSync.Client.Storage;

/// <summary>The wire names of <see cref="SyncOperationType"/>.</summary>
internal static class OperationTypes
{
    public static string ToWire(SyncOperationType type) => type switch
    {
        SyncOperationType.Create => "create",
        SyncOperationType.Update => "update",
        _ => "delete",
    };

    public static SyncOperationType Parse(string text) => text switch
    {
        "create" => SyncOperationType.Create,
        "update" => SyncOperationType.Update,
        _ => SyncOperationType.Delete,
    };
}
