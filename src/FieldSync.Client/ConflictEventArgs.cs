using System.Text.Json.Nodes;

namespace FieldSync.Client;

/// <summary>
/// A local update met a newer server version and the server settled it by the collection's strategy. The local copy
/// becomes <see cref="Document"/>, the server's result.
/// </summary>
public sealed class ConflictEventArgs : EventArgs
{
    /// <summary>The collection.</summary>
    public required string Collection { get; init; }

    /// <summary>The document id.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The id of the local operation that conflicted.</summary>
    public required string OpId { get; init; }

    /// <summary>How it was settled: <c>merged</c>, <c>kept_server</c> or <c>applied_client</c>.</summary>
    public required string Resolution { get; init; }

    /// <summary>The server's conflict log id, for an audit view; null if the server gave none.</summary>
    public string? ConflictId { get; init; }

    /// <summary>The server's document after the resolution.</summary>
    public required JsonObject Document { get; init; }
}
