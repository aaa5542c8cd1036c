using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Realtime;
using FieldSync.Core.Storage;
using FieldSync.Core.Validation;
using Microsoft.Extensions.Logging;

namespace FieldSync.Core.Sync;

/// <summary>
/// Applies one create, update or delete inside a transaction: scope, validation, conflict resolution, version and
/// field metadata, and the conflict and deletion logs. Push, resolve and validate-upsert all write through it.
/// </summary>
public sealed class DocumentWriter(
    SyncConfiguration configuration, DocumentValidator validator, TimeProvider clock, ILogger<DocumentWriter> logger)
{
    /// <summary>Applies <paramref name="command"/>; a refusal is a <see cref="WriteStatus.Rejected"/> outcome.</summary>
    /// <exception cref="StorageException">The storage failed; nothing of the command is kept once the transaction ends.</exception>
    public async Task<WriteOutcome> ApplyAsync(ISyncTransaction transaction, WriteCommand command, CancellationToken cancellationToken)
    {
        var current = await transaction.GetAsync(command.Collection, command.DocumentId, cancellationToken);
        if (current is not null && !command.Caller.Scope.Contains(current.FacilityId))
        {
            return WriteOutcome.Reject(ErrorCodes.ForbiddenFacility, "The document belongs to a facility you are not a member of.");
        }

        var write = new PendingWrite(transaction, command, current, ClampClientTime(command));
        return command.Type switch
        {
            OperationType.Delete => await DeleteAsync(write, cancellationToken),
            OperationType.Create when current is null => await CreateAsync(write, cancellationToken),
            _ when current is null => WriteOutcome.Reject(ErrorCodes.NotFound, $"{command.Collection}/{command.DocumentId} does not exist."),
            _ when current.Deleted => WriteOutcome.Reject(ErrorCodes.DocumentDeleted,
                $"{command.Collection}/{command.DocumentId} was deleted; its last state is in the deletion log."),
            _ => await UpdateAsync(write, current, cancellationToken),
        };
    }

    private async Task<WriteOutcome> CreateAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        var command = write.Command;
        var body = DocumentJson.WithoutMetadata(command.Data ?? []);
        if (await RefuseAsync(write, body, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var now = ServerTime.Now(clock);
        var document = new SyncDocument
        {
            Collection = command.Collection,
            Id = command.DocumentId,
            FacilityId = FacilityOf(command.Collection, body)!,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Body = body,
            FieldEdits = body.ToDictionary(f => f.Key, _ => new FieldEdit(1, write.ClientTime)),
        };
        var saved = await write.Transaction.SaveAsync(document, cancellationToken);
        await NotifyAsync(write.Transaction, saved, "create", cancellationToken);
        return new(WriteStatus.Applied, saved, Resolutions.Created, null, null, "created");
    }

    private async Task<WriteOutcome> UpdateAsync(PendingWrite write, SyncDocument current, CancellationToken cancellationToken)
    {
        var command = write.Command;
        var strategy = configuration.Collections[command.Collection].ConflictStrategy;
        var changes = DocumentJson.WithoutMetadata(command.Data ?? []);
        var merge = ConflictResolver.Merge(new MergeInput(current, changes, command.BaseVersion, write.ClientTime, strategy));
        var result = current;
        if (merge.TakenFields.Count > 0)
        {
            if (await RefuseAsync(write, merge.Body, cancellationToken) is { } refusal)
            {
                return refusal;
            }

            result = await write.Transaction.SaveAsync(Updated(current, merge, write.ClientTime), cancellationToken);
            await NotifyAsync(write.Transaction, result, "update", cancellationToken);
            if (result.FacilityId != current.FacilityId)
            {
                await RecordExitAsync(write.Transaction, current, result, cancellationToken);
            }
        }

        string? conflictId = null;
        if (merge.Conflict)
        {
            // Time-ordered, so that conflict_log's key index grows at its end instead of at a random page per conflict.
            conflictId = Guid.CreateVersion7().ToString("N");
            await write.Transaction.AppendConflictAsync(ConflictOf(write, conflictId, strategy, current, changes, merge, result),
                cancellationToken);
        }

        var status = merge.Conflict ? WriteStatus.ConflictResolved : WriteStatus.Applied;
        return new(status, result, merge.Resolution, conflictId, null, merge.TakenFields.Count > 0 ? "updated" : null);
    }

    private async Task<WriteOutcome> DeleteAsync(PendingWrite write, CancellationToken cancellationToken)
    {
        var (command, current) = (write.Command, write.Current);
        if (current is null)
        {
            return WriteOutcome.Reject(ErrorCodes.NotFound, $"{command.Collection}/{command.DocumentId} does not exist.");
        }

        if (current.Deleted)
        {
            return new(WriteStatus.Applied, current, null, null, null, null);
        }

        var facilityField = configuration.Collections[command.Collection].FacilityField;
        var tombstone = current with
        {
            Version = current.Version + 1,
            UpdatedAt = ServerTime.Now(clock),
            Deleted = true,
            Body = new JsonObject { [facilityField] = current.FacilityId },
            FieldEdits = new Dictionary<string, FieldEdit>(),
        };
        var saved = await write.Transaction.SaveAsync(tombstone, cancellationToken);
        await NotifyAsync(write.Transaction, saved, "delete", cancellationToken);
        await write.Transaction.AppendDeletionAsync(new DeletionEntry(command.Collection, command.DocumentId, current.FacilityId,
            saved.Version, command.Caller.UserId, command.DeviceId, DocumentJson.ToWireUtf8(current), saved.UpdatedAt), cancellationToken);
        return new(WriteStatus.Applied, saved, null, null, null, "deleted");
    }

    private async Task NotifyAsync(ISyncTransaction transaction, SyncDocument saved, string action, CancellationToken cancellationToken)
    {
        if (NotificationRules.Notifies(configuration, saved.Collection, action))
        {
            var change = new DocumentChange(saved.Collection, saved.Id, saved.FacilityId, action, saved.Version, saved.Sequence);
            var activeSince = ServerTime.Now(clock).AddSeconds(-configuration.Realtime.HeartbeatWindowSeconds);
            await transaction.NotifyAsync(change, activeSince, cancellationToken);
        }
    }

    // Devices of the facility a document left must drop it: they hear of it as a deletion of that facility.
    private async Task RecordExitAsync(ISyncTransaction transaction, SyncDocument before, SyncDocument after,
        CancellationToken cancellationToken)
    {
        var exit = new FacilityExit(before.Collection, before.Id, before.FacilityId, after.Version, after.UpdatedAt);
        var sequence = await transaction.RecordExitAsync(exit, cancellationToken);
        if (NotificationRules.Notifies(configuration, before.Collection, "delete"))
        {
            var change = new DocumentChange(before.Collection, before.Id, before.FacilityId, "delete", after.Version, sequence);
            var activeSince = ServerTime.Now(clock).AddSeconds(-configuration.Realtime.HeartbeatWindowSeconds);
            await transaction.NotifyAsync(change, activeSince, cancellationToken);
        }
    }

    // Scope before validation: a refused facility must not learn which rules its data would break.
    private async Task<WriteOutcome?> RefuseAsync(PendingWrite write, JsonObject body, CancellationToken cancellationToken)
    {
        var facility = FacilityOf(write.Command.Collection, body);
        if (facility is not null && !write.Command.Caller.Scope.Contains(facility))
        {
            return WriteOutcome.Reject(ErrorCodes.ForbiddenFacility, $"You are not a member of facility '{facility}'.");
        }

        var errors = await validator.ValidateAsync(write.Command.Collection, body, write.Transaction, cancellationToken);
        return errors.Count > 0
            ? WriteOutcome.Reject(ErrorCodes.ValidationFailed, $"{errors.Count} rule(s) broken: {errors[0].Message}", errors)
            : null;
    }

    private string? FacilityOf(string collection, JsonObject body) =>
        body[configuration.Collections[collection].FacilityField] is JsonValue v && v.TryGetValue<string>(out var id)
            && !string.IsNullOrWhiteSpace(id) ? id : null;

    private SyncDocument Updated(SyncDocument current, MergeOutcome merge, DateTimeOffset clientTime)
    {
        var version = current.Version + 1;
        var edits = new Dictionary<string, FieldEdit>(current.FieldEdits);
        foreach (var field in merge.TakenFields)
        {
            edits[field] = new FieldEdit(version, clientTime);
        }

        return current with
        {
            Version = version,
            UpdatedAt = ServerTime.Now(clock),
            FacilityId = FacilityOf(current.Collection, merge.Body)!,
            Body = merge.Body,
            FieldEdits = edits,
        };
    }

    // The resolved data is the stored result's body: the merged body when fields were taken, else the server's own.
    private ConflictEntry ConflictOf(PendingWrite write, string id, ConflictStrategy strategy, SyncDocument server,
        JsonObject changes, MergeOutcome merge, SyncDocument result) => new()
    {
        Id = id,
        Collection = server.Collection,
        DocumentId = server.Id,
        FacilityId = FacilityOf(server.Collection, merge.Body) ?? server.FacilityId,
        DeviceId = write.Command.DeviceId,
        UserId = write.Command.Caller.UserId,
        Source = write.Command.Source,
        Strategy = StrategyNames.ToName(strategy),
        Resolution = merge.Resolution,
        BaseVersion = write.Command.BaseVersion,
        ServerVersion = server.Version,
        ClientData = JsonSerializer.SerializeToUtf8Bytes(changes),
        ServerData = DocumentJson.BodyUtf8(server),
        ResolvedData = DocumentJson.BodyUtf8(result),
        ClientTimestamp = write.Command.ClientTimestamp,
        ClockSkewMs = SkewMs(write.Command.ClientTimestamp),
        CreatedAt = ServerTime.Now(clock),
    };

    // Device clocks are often wrong: a time ahead of the server is clamped to now, so it can only break ties.
    private DateTimeOffset ClampClientTime(WriteCommand command)
    {
        var now = ServerTime.Now(clock);
        if (command.ClientTimestamp is not { } sent)
        {
            return now;
        }

        var skew = SkewMs(sent);
        if (skew > configuration.MaxClockSkewSeconds * 1000L)
        {
            CoreLog.ClockSkew(logger, command.DeviceId, skew);
        }

        return sent > now ? now : ServerTime.Truncate(sent);
    }

    private long SkewMs(DateTimeOffset? sent) =>
        sent is { } s ? Math.Max(0, (long)(s - ServerTime.Now(clock)).TotalMilliseconds) : 0;

    private sealed record PendingWrite(ISyncTransaction Transaction, WriteCommand Command, SyncDocument? Current, DateTimeOffset ClientTime);
}
