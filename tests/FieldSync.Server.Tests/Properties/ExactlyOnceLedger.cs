using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// Follows push responses in the order the server gave them. It remembers the first result of every (device, opId),
/// checks that every later result of it is a <c>duplicate</c> reporting the same document, and walks each document's
/// version through the first results: an accepted change must show the next version, so a version that jumps means a
/// change was applied without a first result reporting it (an operation applied twice).
/// </summary>
internal sealed class ExactlyOnceLedger
{
    private readonly Dictionary<(string DeviceId, string OpId), JsonObject> _first = [];
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public IReadOnlyDictionary<(string DeviceId, string OpId), JsonObject> FirstResults => _first;

    /// <summary>Each document's version as the first results count it.</summary>
    public IReadOnlyDictionary<string, long> Versions => _versions;

    public IReadOnlyList<string> Problems => _problems;

    public void Record(string deviceId, IReadOnlyList<JsonObject> sent, JsonObject response)
    {
        var results = response["results"]!.AsArray();
        if (results.Count != sent.Count)
        {
            _problems.Add($"{deviceId} sent {sent.Count} operations and got {results.Count} results");
        }

        for (var i = 0; i < Math.Min(results.Count, sent.Count); i++)
        {
            var opId = sent[i]["opId"]!.GetValue<string>();
            var result = results[i]!.AsObject();
            if (result["opId"]?.GetValue<string>() != opId)
            {
                _problems.Add($"result {i} for {opId} names {result["opId"]}");
            }

            if (_first.TryGetValue((deviceId, opId), out var first))
            {
                CheckReplay(opId, first, result);
            }
            else
            {
                RecordFirst(deviceId, opId, result);
            }
        }
    }

    private void CheckReplay(string opId, JsonObject first, JsonObject result)
    {
        var status = Status(result);
        if (status != "duplicate")
        {
            _problems.Add($"{opId} was processed again: {status} {result["document"]?.ToJsonString()}, first {Status(first)}");
        }
        else if (!JsonNode.DeepEquals(result["document"], first["document"]))
        {
            _problems.Add($"{opId} replay reports {result["document"]?.ToJsonString()}, first reported {first["document"]?.ToJsonString()}");
        }
        else if (result["originalStatus"]?.GetValue<string>() != Status(first))
        {
            _problems.Add($"{opId} replay says originalStatus {result["originalStatus"]}, first was {Status(first)}");
        }
    }

    private void RecordFirst(string deviceId, string opId, JsonObject result)
    {
        _first[(deviceId, opId)] = result;
        var status = Status(result);
        if (status is not ("applied" or "conflict_resolved" or "rejected"))
        {
            _problems.Add($"{opId} got {status} the first time it was sent: {result.ToJsonString()}");
            return;
        }

        if (result["document"] is not JsonObject document)
        {
            return;
        }

        var key = DeviceDocument.KeyOf(document["$collection"]!.GetValue<string>(), document["$id"]!.GetValue<string>());
        var version = document["$version"]!.GetValue<long>();
        var current = _versions.GetValueOrDefault(key);
        if (version == current + 1)
        {
            _versions[key] = version;
        }
        else if (version != current)
        {
            _problems.Add($"{key}: {opId} reports v{version} after v{current}: a change was applied that no first result reported");
        }
    }

    private static string? Status(JsonObject result) => result["status"]?.GetValue<string>();
}
