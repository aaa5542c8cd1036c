using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Validation;

namespace FieldSync.Core.Sync;

/// <summary>
/// Checks documents against their collection's rules and, in <c>upsert</c> mode, writes the valid ones as a push would.
/// Invalid documents change nothing.
/// </summary>
public sealed class ValidationService(
    ISyncStore store, DocumentWriter writer, DocumentValidator validator, SyncConfiguration configuration)
{
    /// <summary>Validates (and in upsert mode writes) each document.</summary>
    /// <exception cref="SyncRequestException">The request itself is malformed; nothing changed.</exception>
    public async Task<ValidateResponse> ValidateAsync(SyncCaller caller, ValidateRequest request, CancellationToken cancellationToken)
    {
        RequestGuards.CheckUser(caller, request.UserId);
        var collection = RequestGuards.RequireCollection(configuration, request.Collection);
        var upsert = request.Mode switch
        {
            null or "validate" => false,
            "upsert" => true,
            _ => throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "mode", "enum", "mode must be validate or upsert."),
        };
        var documents = request.Documents ?? throw SyncRequestException.ForField(
            ErrorCodes.ValidationFailed, "documents", "required", "documents is required (an array of objects).");
        if (documents.Count > configuration.Requests.MaxValidateDocuments)
        {
            throw SyncRequestException.ForField(ErrorCodes.PayloadTooLarge, "documents", "maxItems",
                $"At most {configuration.Requests.MaxValidateDocuments} documents per request.");
        }

        var deviceId = request.DeviceId is null ? "validate" : RequestGuards.RequireDevice(request.DeviceId);
        var results = new List<ValidationResult>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var context = new Item(caller, deviceId, request.Collection!, collection, i, documents[i]);
            results.Add(upsert ? await UpsertAsync(context, cancellationToken) : await CheckAsync(context, cancellationToken));
        }

        return new ValidateResponse(results.All(r => r.Valid), results);
    }

    private async Task<ValidationResult> CheckAsync(Item item, CancellationToken cancellationToken)
    {
        if (ShapeErrors(item) is { } shape)
        {
            return new(item.Index, item.Id, false, shape, null);
        }

        var body = DocumentJson.WithoutMetadata(item.Document!);
        if (FacilityOf(item, body) is { } facility && !item.Caller.Scope.Contains(facility))
        {
            return new(item.Index, item.Id, false, [ScopeError(item, facility)], null);
        }

        await using var reader = await store.OpenChangeReaderAsync(cancellationToken);
        var errors = await validator.ValidateAsync(item.CollectionName, body, reader, cancellationToken);
        return new(item.Index, item.Id, errors.Count == 0, errors, null);
    }

    private async Task<ValidationResult> UpsertAsync(Item item, CancellationToken cancellationToken)
    {
        if (ShapeErrors(item) is { } shape)
        {
            return new(item.Index, item.Id, false, shape, null);
        }

        var id = item.Id ?? Guid.NewGuid().ToString("N");
        await using var transaction = await store.BeginAsync(cancellationToken);
        var command = new WriteCommand(item.Caller, item.DeviceId, OperationType.Create, item.CollectionName, id,
            item.Document, null, null, "validate");
        var outcome = await writer.ApplyAsync(transaction, command, cancellationToken);
        if (outcome.Status == WriteStatus.Rejected)
        {
            var error = outcome.Error!;
            // Out of scope reads the same in both modes: the facility field, rule facility_scope.
            IReadOnlyList<FieldError> errors = error.Code == ErrorCodes.ForbiddenFacility
                ? [new FieldError(item.Collection.FacilityField, "facility_scope", error.Message)]
                : error.Errors ?? [new FieldError("$id", error.Code, error.Message)];
            return new(item.Index, id, false, errors, null);
        }

        await transaction.CommitAsync(cancellationToken);
        return new(item.Index, id, true, [], outcome.Action ?? "unchanged");
    }

    private static List<FieldError>? ShapeErrors(Item item)
    {
        if (item.Document is null)
        {
            return [new FieldError($"documents[{item.Index}]", "type", "Each document must be a JSON object.")];
        }

        return item.Document.ContainsKey("$id") && !RequestGuards.IsId(item.Id)
            ? [new FieldError("$id", "format", "$id, when given, must be a string of 1 to 128 letters, digits or . _ : - characters.")]
            : null;
    }

    private static string? FacilityOf(Item item, JsonObject body) =>
        body[item.Collection.FacilityField] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    private static FieldError ScopeError(Item item, string facility) => new(item.Collection.FacilityField, "facility_scope",
        $"You are not a member of facility '{RequestGuards.Shorten(facility)}'.");

    private sealed record Item(SyncCaller Caller, string DeviceId, string CollectionName, CollectionConfiguration Collection,
        int Index, JsonObject? Document)
    {
        public string? Id => Document?["$id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;
    }
}
