using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Sync;

/// <summary>
/// Decides, field by field, what a client's change makes of the server's document. Pure: no storage, no clock.
/// A conflict is detected by version when the client names its base, else by time (the server changed the document
/// after the client's clamped edit time). Where the base is known, a field the server has not changed since the base
/// is a client-only change and always taken; a field changed on both sides goes by the strategy.
/// </summary>
public static class ConflictResolver
{
    /// <summary>Merges the client's changes into the server's document.</summary>
    public static MergeOutcome Merge(MergeInput input)
    {
        var server = input.Server;
        var changed = input.ClientChanges
            .Where(f => !JsonNode.DeepEquals(f.Value, server.Body[f.Key]))
            .Select(f => f.Key)
            .ToList();
        // A client that sends only values the server already has changes nothing, whatever its base: nothing to settle.
        if (changed.Count == 0)
        {
            return new(false, Resolutions.NoConflict, CopyOf(server), []);
        }

        var conflict = input.BaseVersion is { } b ? b != server.Version : server.UpdatedAt > input.ClientTime;
        if (!conflict)
        {
            return Build(input, changed, conflict: false, Resolutions.NoConflict);
        }

        var taken = changed.Where(field => TakesClient(input, field)).ToList();
        var resolution = taken.Count == 0 ? Resolutions.KeptServer
            : input.Strategy == ConflictStrategy.ClientWins ? Resolutions.AppliedClient
            : Resolutions.Merged;
        return Build(input, taken, conflict: true, resolution);
    }

    private static bool TakesClient(MergeInput input, string field)
    {
        switch (input.Strategy)
        {
            case ConflictStrategy.ServerWins:
                return false;
            case ConflictStrategy.ClientWins:
                return true;
            case ConflictStrategy.FieldLevelMerge:
                return !ServerChangedSinceBase(input, field) || input.ClientTime > ServerEditTime(input, field);
            case ConflictStrategy.MergeWithClientPriority:
                return true;
            case ConflictStrategy.MergeWithServerPriority:
            default:
                return !ServerChangedSinceBase(input, field);
        }
    }

    // Without a trustworthy base every differing field counts as changed on both sides.
    private static bool ServerChangedSinceBase(MergeInput input, string field) =>
        input.BaseVersion is not { } b || b > input.Server.Version
        || (input.Server.FieldEdits.TryGetValue(field, out var edit) && edit.Version > b);

    private static DateTimeOffset ServerEditTime(MergeInput input, string field) =>
        input.Server.FieldEdits.TryGetValue(field, out var edit) ? edit.EditedAt : input.Server.UpdatedAt;

    private static MergeOutcome Build(MergeInput input, List<string> taken, bool conflict, string resolution)
    {
        var body = CopyOf(input.Server);
        foreach (var field in taken)
        {
            body[field] = input.ClientChanges[field]?.DeepClone();
        }

        return new(conflict, resolution, body, taken);
    }

    // A document read from storage is copied by parsing its stored JSON again: one parse, where a deep clone of the parsed
    // body copied each of its values into a document of its own.
    private static JsonObject CopyOf(SyncDocument server) =>
        server.BodyJson is { } json ? JsonNode.Parse(json)!.AsObject() : server.Body.DeepClone().AsObject();
}
