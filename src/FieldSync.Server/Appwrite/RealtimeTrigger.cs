using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Errors;
using FieldSync.Core.Realtime;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// The <c>real-time-sync-trigger</c> function: given a document event, it makes the notifications of that change for the
/// active sessions, through the same storage path every write takes (scoped at commit, published after it). The original
/// ran on Appwrite's database events as <c>system</c>; here only <c>system</c> callers may run it. Changes written through
/// FieldSync notify by themselves; this is for a change made by another tool, or to announce one again.
/// </summary>
public sealed partial class RealtimeTrigger(ISyncStore store, SyncConfiguration configuration, TimeProvider clock)
{
    private static readonly string[] _actions = ["create", "update", "delete"];

    /// <summary>Notifies the active sessions of the change the event names.</summary>
    /// <exception cref="SyncRequestException">Not a system caller, a malformed event, or no such document.</exception>
    public async Task<TriggerResult> RunAsync(SyncCaller caller, FunctionRequest request, CancellationToken cancellationToken)
    {
        if (caller.Role != UserRole.System)
        {
            throw new SyncRequestException(ErrorCodes.ForbiddenRole,
                "real-time-sync-trigger runs as system: call it with the server API key (X-Appwrite-Key) or a system user's token.");
        }

        var (collection, documentId, requested) = ReadEvent(request);
        await using var transaction = await store.BeginAsync(cancellationToken);
        var document = await transaction.GetAsync(collection, documentId, cancellationToken)
            ?? throw SyncRequestException.ForField(ErrorCodes.NotFound, "documentId", "exists", $"{collection}/{documentId} does not exist.");
        // The stored document decides: a tombstone is a delete whatever the event said.
        var action = document.Deleted ? "delete" : requested is "create" or "update" ? requested : document.Version == 1 ? "create" : "update";
        var notifies = NotificationRules.Notifies(configuration, collection, action);
        if (notifies)
        {
            var change = new DocumentChange(collection, documentId, document.FacilityId, action, document.Version, document.Sequence);
            await transaction.NotifyAsync(change, ServerTime.Now(clock).AddSeconds(-configuration.Realtime.HeartbeatWindowSeconds),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new TriggerResult(collection, documentId, document.FacilityId, action, document.Version,
            Checkpoint.Encode(document.Sequence), notifies);
    }

    // Accepts {collection, documentId, action}, Appwrite's event payload (the document with $id and $collectionId) with
    // the event name in "event", "events" or the x-appwrite-event header, and the names of either.
    private (string Collection, string DocumentId, string? Action) ReadEvent(FunctionRequest request)
    {
        var body = string.IsNullOrWhiteSpace(request.Body) ? new JsonObject() : JsonNode.Parse(request.Body) as JsonObject
            ?? throw SyncRequestException.ForField(ErrorCodes.MalformedJson, "$", "type", "The body must be a JSON object.");
        var eventName = Text(body, "event")
            ?? (body["events"] is JsonArray { Count: > 0 } events && events[0] is JsonValue first && first.TryGetValue<string>(out var name)
                ? name : null)
            ?? request.Headers.GetValueOrDefault("x-appwrite-event");
        var parsed = eventName is null ? null : EventName().Match(eventName);
        string? FromEvent(string group) => parsed is { Success: true } ? parsed.Groups[group].Value : null;

        var collection = Text(body, "collection") ?? Text(body, "collectionId") ?? Text(body, "$collectionId") ?? FromEvent("collection");
        RequestGuards.RequireCollection(configuration, collection);
        var documentId = Text(body, "documentId") ?? Text(body, "$id") ?? FromEvent("document");
        if (!RequestGuards.IsId(documentId))
        {
            throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "documentId", "required",
                $"documentId is required: 1 to {RequestGuards.MaxIdLength} letters, digits or . _ : - characters.");
        }

        var action = Text(body, "action") ?? FromEvent("action");
        action = action == "upsert" ? null : action;
        if (action is not null && !_actions.Contains(action))
        {
            throw SyncRequestException.ForField(ErrorCodes.ValidationFailed, "action", "enum", "action must be create, update or delete.");
        }

        return (collection!, documentId!, action);
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex(@"^databases\.[^.]+\.(?:collections|tables)\.(?<collection>[^.]+)\.(?:documents|rows)\.(?<document>[^.]+)\.(?<action>create|update|delete|upsert)$")]
    private static partial Regex EventName();
}
