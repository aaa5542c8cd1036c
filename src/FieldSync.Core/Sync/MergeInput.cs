using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Sync;

/// <summary>What a merge decides between: the server's document and the client's changed fields.</summary>
/// <param name="Server">The server's current (live) document.</param>
/// <param name="ClientChanges">The fields the client set, without <c>$</c> metadata.</param>
/// <param name="BaseVersion">The version the client edited from, if known.</param>
/// <param name="ClientTime">The client's edit time, already clamped to the server clock.</param>
/// <param name="Strategy">The collection's strategy.</param>
public sealed record MergeInput(
    SyncDocument Server,
    JsonObject ClientChanges,
    long? BaseVersion,
    DateTimeOffset ClientTime,
    ConflictStrategy Strategy);
