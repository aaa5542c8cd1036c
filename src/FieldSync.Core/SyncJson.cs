using System.Text.Json;

namespace FieldSync.Core;

/// <summary>The JSON settings of the wire: camelCase names, as the API writes them.</summary>
public static class SyncJson
{
    /// <summary>Options shared by the server, the stored operation results and the client.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
