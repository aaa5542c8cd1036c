using System.Text.Json.Nodes;

namespace FieldSync.Client.Wire;

/// <summary>One queued operation as the push endpoint reads it.</summary>
internal sealed record WireOperation(
    string OpId, string Type, string Collection, string DocumentId, JsonObject? Data, DateTimeOffset Timestamp, long? BaseVersion);
