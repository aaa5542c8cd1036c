using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FieldSync.Client.Wire;

/// <summary>Source-generated JSON of the wire: camelCase, nulls left out, no reflection (safe for trimmed apps).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PullRequestBody))]
[JsonSerializable(typeof(PushRequestBody))]
[JsonSerializable(typeof(PushResponseBody))]
[JsonSerializable(typeof(HeartbeatBody))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(ChangeNotice))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IReadOnlyList<WireFieldError>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<DeletionNotice>))]
internal sealed partial class WireJson : JsonSerializerContext;
