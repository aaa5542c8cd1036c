using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Properties;

/// <summary>An operation in a simulated device's outbox: its opId, the document it touches and the wire form.</summary>
internal sealed record QueuedEdit(string OpId, string Key, string Type, JsonObject Wire);
