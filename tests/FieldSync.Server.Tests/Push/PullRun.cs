using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Push;

/// <summary>The responses of a pull that went on until <c>hasMore</c> was false.</summary>
public sealed class PullRun
{
    /// <summary>Every response, in order.</summary>
    public List<JsonObject> Responses { get; } = [];

    /// <summary>The checkpoint of the last response.</summary>
    public string Checkpoint { get; set; } = "";

    /// <summary>The documents of all responses, in order.</summary>
    public List<JsonObject> Documents => [.. Responses.SelectMany(SyncApi.Documents)];

    /// <summary>The deletions of all responses, in order.</summary>
    public List<JsonObject> Deletions => [.. Responses.SelectMany(SyncApi.Deletions)];
}
