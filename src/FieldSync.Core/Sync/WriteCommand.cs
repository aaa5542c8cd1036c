using System.Text.Json.Nodes;
using FieldSync.Core.Security;

namespace FieldSync.Core.Sync;

/// <summary>One write of a document, from whichever door it came in.</summary>
/// <param name="Caller">Who writes.</param>
/// <param name="DeviceId">From which device.</param>
/// <param name="Type">Create, update or delete.</param>
/// <param name="Collection">A configured collection.</param>
/// <param name="DocumentId">The document id.</param>
/// <param name="Data">The whole document (create), the changed fields (update), or null (delete); no <c>$</c> fields.</param>
/// <param name="ClientTimestamp">The device's time of the change, as sent.</param>
/// <param name="BaseVersion">The version the change was made from.</param>
/// <param name="Source">The door it came in by: <c>push</c>, <c>resolve</c> or <c>validate</c>.</param>
public sealed record WriteCommand(
    SyncCaller Caller,
    string DeviceId,
    OperationType Type,
    string Collection,
    string DocumentId,
    JsonObject? Data,
    DateTimeOffset? ClientTimestamp,
    long? BaseVersion,
    string Source = "push");
