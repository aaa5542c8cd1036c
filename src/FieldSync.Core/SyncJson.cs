using System.Text.Json;
using FieldSync.Core.Contracts;

namespace FieldSync.Core;

/// <summary>The JSON settings of the wire: camelCase names, as the API writes them.</summary>
public static class SyncJson
{
    /// <summary>Options shared by the server and the stored operation results.</summary>
    public static JsonSerializerOptions Options { get; } = Wire(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Gives <paramref name="options"/> the wire's own readers (<see cref="CaseSensitiveObjectConverter"/>).</summary>
    public static JsonSerializerOptions Wire(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new CaseSensitiveObjectConverter());
        return options;
    }
}
