using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Errors;

namespace FieldSync.Core.Sync;

/// <summary>The checks of a queued operation's own shape, made before any storage is touched.</summary>
internal static class OperationChecks
{
    public static OperationType TypeOf(QueuedOperation operation) => operation.Type switch
    {
        "create" => OperationType.Create,
        "update" => OperationType.Update,
        _ => OperationType.Delete,
    };

    public static OperationError? FindProblem(SyncConfiguration configuration, QueuedOperation operation)
    {
        if (operation.OpId is { } opId && !RequestGuards.IsId(opId))
        {
            return Problem(ErrorCodes.ValidationFailed, "opId", "format", "opId must be 1 to 128 letters, digits or . _ : - characters.");
        }

        if (operation.Type is not ("create" or "update" or "delete"))
        {
            return Problem(ErrorCodes.ValidationFailed, "type", "enum", "type must be one of: create, update, delete.");
        }

        if (string.IsNullOrEmpty(operation.Collection))
        {
            return Problem(ErrorCodes.ValidationFailed, "collection", "required", "collection is required.");
        }

        if (!configuration.Collections.ContainsKey(operation.Collection))
        {
            return Problem(ErrorCodes.UnknownCollection, "collection", "known_collection",
                $"'{RequestGuards.Shorten(operation.Collection)}' is not a collection of this server.");
        }

        if (!RequestGuards.IsId(operation.DocumentId))
        {
            return Problem(ErrorCodes.ValidationFailed, "documentId", "format",
                "documentId is required: 1 to 128 letters, digits or . _ : - characters.");
        }

        return operation.Type != "delete" && operation.Data is null
            ? Problem(ErrorCodes.ValidationFailed, "data", "required", $"data is required for a {operation.Type}.")
            : null;
    }

    private static OperationError Problem(string code, string field, string rule, string message) =>
        new(code, message) { Errors = [new FieldError(field, rule, message)] };
}
