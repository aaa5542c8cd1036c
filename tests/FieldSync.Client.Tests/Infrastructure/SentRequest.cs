using System.Text.Json.Nodes;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>A request as it left the device.</summary>
/// <param name="Path">The path, e.g. <c>/v1/sync/push</c>.</param>
/// <param name="Body">The JSON body, if any.</param>
/// <param name="Token">The bearer token it carried.</param>
public sealed record SentRequest(string Path, string? Body, string? Token)
{
    /// <summary>The body as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body!)!.AsObject();
}
