using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Sync;

/// <summary>Resolves one client version of one document against the server's, by the collection's strategy.</summary>
public sealed class ResolveService(ISyncStore store, DocumentWriter writer, SyncConfiguration configuration)
{
    /// <summary>Creates the document, applies the client's version, or merges it; every conflict is logged.</summary>
    /// <exception cref="SyncRequestException">The request is malformed, out of scope or invalid; nothing changed.</exception>
    public async Task<ResolveResponse> ResolveAsync(SyncCaller caller, ResolveRequest request, CancellationToken cancellationToken)
    {
        RequestGuards.CheckUser(caller, request.UserId);
        var deviceId = RequestGuards.RequireDevice(request.DeviceId);
        var collection = RequestGuards.RequireCollection(configuration, request.Collection);
        if (!RequestGuards.IsId(request.DocumentId))
        {
            throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "documentId", "format",
                "documentId is required: 1 to 128 letters, digits or . _ : - characters.");
        }

        var clientData = request.ClientData ?? throw SyncRequestException.ForField(
            ErrorCodes.ValidationFailed, "clientData", "required", "clientData is required (the client's document).");
        await using var transaction = await store.BeginAsync(cancellationToken);
        var command = new WriteCommand(caller, deviceId, OperationType.Create, request.Collection!, request.DocumentId!,
            clientData, request.ClientTimestamp, request.BaseVersion, "resolve");
        var outcome = await writer.ApplyAsync(transaction, command, cancellationToken);
        if (outcome.Status == WriteStatus.Rejected)
        {
            throw new SyncRequestException(outcome.Error!.Code, outcome.Error.Message, outcome.Error.Errors);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ResolveResponse(outcome.Resolution!, outcome.Status == WriteStatus.ConflictResolved,
            StrategyNames.ToName(collection.ConflictStrategy), DocumentJson.ToWire(outcome.Document!), outcome.ConflictId);
    }
}
