using System.Globalization;
using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// A device as a client SDK would be: a working copy of documents, the server's copy as last heard (from pulls and
/// push results), an outbox of queued operations with opIds, and a pull checkpoint. An edit changes the working copy
/// and queues an operation (updates carry their base version and only the changed fields). A document with pending
/// operations is never overwritten; once its operations are acknowledged it becomes the server's copy again.
/// </summary>
internal sealed class SimulatedDevice(string deviceId, HttpClient client, IReadOnlyList<string> facilities)
{
    private readonly Dictionary<string, DeviceDocument> _working = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceDocument> _serverCopy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pulledVersions = new(StringComparer.Ordinal);
    private readonly List<QueuedEdit> _outbox = [];
    private readonly List<string> _anomalies = [];
    private int _created;
    private int _operations;

    /// <summary>The collections a device creates documents in: one per conflict strategy of <see cref="PropertyServer"/>.</summary>
    public static IReadOnlyList<string> Collections { get; } = ["patients", "notes", "tasks", "alerts"];

    /// <summary>The data fields edits change, besides <c>facility_id</c>.</summary>
    public static IReadOnlyList<string> DataFields { get; } = ["a", "b", "c"];

    public string Id => deviceId;

    public IReadOnlyList<string> Facilities => facilities;

    /// <summary>The working copy: live documents only.</summary>
    public IReadOnlyDictionary<string, DeviceDocument> Documents => _working;

    public int Pending => _outbox.Count;

    public string? Checkpoint { get; private set; }

    /// <summary>What the device saw that the API promises never happens: out-of-scope documents, versions going back.</summary>
    public IReadOnlyList<string> Anomalies => _anomalies;

    /// <summary>Applies an edit to the working copy and queues its operation. Edits that change nothing queue nothing.</summary>
    public void EditOffline(DeviceAction action, int pick, int values)
    {
        switch (action)
        {
            case DeviceAction.Create:
                Create(pick, values);
                break;
            case DeviceAction.Update or DeviceAction.Move:
                Update(pick, values, action == DeviceAction.Move);
                break;
            case DeviceAction.Delete:
                Delete(pick);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not an edit.");
        }
    }

    /// <summary>Sends the outbox in batches; acknowledged operations leave it, a failed one and those after it stay.</summary>
    public async Task PushAsync(int batchSize)
    {
        while (_outbox.Count > 0)
        {
            var batch = _outbox.Take(batchSize).ToList();
            var response = await SyncWire.PushAsync(client, deviceId, batch.Select(q => q.Wire));
            var results = response["results"]!.AsArray();
            var acknowledged = 0;
            while (acknowledged < batch.Count && acknowledged < results.Count
                && results[acknowledged]!["status"]!.GetValue<string>() is "applied" or "conflict_resolved" or "duplicate" or "rejected")
            {
                Acknowledge(batch[acknowledged], results[acknowledged]!.AsObject());
                acknowledged++;
            }

            _outbox.RemoveRange(0, acknowledged);
            Reconcile(batch.Select(q => q.Key));
            if (acknowledged < batch.Count)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Pulls from the checkpoint until <c>hasMore</c> is false. A pull without a checkpoint is a snapshot (the API sends
    /// no deletions then), so afterwards the device forgets server copies the snapshot did not contain.
    /// </summary>
    public async Task PullAsync(int pageLimit)
    {
        var snapshot = Checkpoint is null ? new HashSet<string>(StringComparer.Ordinal) : null;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        bool more;
        do
        {
            var response = await SyncWire.PullAsync(client, deviceId, Checkpoint, pageLimit);
            var inResponse = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in response["documents"]!.AsArray())
            {
                Pulled(DeviceDocument.FromWire(node!.AsObject()), inResponse);
            }

            foreach (var node in response["deletions"]!.AsArray())
            {
                Pulled(new DeviceDocument(node!["collection"]!.GetValue<string>(), node["id"]!.GetValue<string>(),
                    node["version"]!.GetValue<long>(), true, []), inResponse);
            }

            touched.UnionWith(inResponse);
            snapshot?.UnionWith(inResponse);
            Checkpoint = response["checkpoint"]!.GetValue<string>();
            more = response["hasMore"]!.GetValue<bool>();
        }
        while (more);

        foreach (var gone in _serverCopy.Keys.Where(k => snapshot is not null && !snapshot.Contains(k)).ToList())
        {
            _serverCopy.Remove(gone);
            touched.Add(gone);
        }

        Reconcile(touched);
    }

    private void Create(int pick, int values)
    {
        var collection = Collections[pick % Collections.Count];
        var facility = facilities[pick / Collections.Count % facilities.Count];
        var id = deviceId + "-d" + (++_created).ToString(CultureInfo.InvariantCulture);
        var fields = new JsonObject { ["facility_id"] = facility };
        foreach (var (name, value) in Values(values))
        {
            fields[name] = value;
        }

        _working[DeviceDocument.KeyOf(collection, id)] = new DeviceDocument(collection, id, 1, false, fields);
        Enqueue("create", collection, id, fields, null);
    }

    private void Update(int pick, int values, bool move)
    {
        if (PickLive(pick) is not { } current)
        {
            return;
        }

        var changes = new JsonObject();
        if (move)
        {
            if (facilities.FirstOrDefault(f => f != current.FacilityId) is { } other)
            {
                changes["facility_id"] = other;
            }
        }
        else
        {
            foreach (var (name, value) in Values(values).Where(v => !JsonNode.DeepEquals(current.Fields[v.Name], v.Value)))
            {
                changes[name] = value;
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var fields = current.Fields.DeepClone().AsObject();
        foreach (var (name, value) in changes)
        {
            fields[name] = value?.DeepClone();
        }

        _working[current.Key] = current with { Version = current.Version + 1, Fields = fields };
        Enqueue("update", current.Collection, current.Id, changes, current.Version);
    }

    private void Delete(int pick)
    {
        if (PickLive(pick) is { } current)
        {
            _working.Remove(current.Key);
            Enqueue("delete", current.Collection, current.Id, null, current.Version);
        }
    }

    private DeviceDocument? PickLive(int pick)
    {
        var keys = _working.Keys.Order(StringComparer.Ordinal).ToList();
        return keys.Count == 0 ? null : _working[keys[pick % keys.Count]];
    }

    // Bits 0-2 choose the fields, the higher bits the value: small ranges, so devices often write the same values.
    private static IEnumerable<(string Name, JsonNode Value)> Values(int values)
    {
        for (var i = 0; i < DataFields.Count; i++)
        {
            if (((values >> i) & 1) == 1)
            {
                yield return (DataFields[i], JsonValue.Create(DataFields[i] + (values >> 3).ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    private void Enqueue(string type, string collection, string id, JsonObject? data, long? baseVersion)
    {
        var opId = deviceId + "-op" + (++_operations).ToString(CultureInfo.InvariantCulture);
        var wire = new JsonObject
        {
            ["opId"] = opId,
            ["type"] = type,
            ["collection"] = collection,
            ["documentId"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["baseVersion"] = baseVersion,
        };
        if (data is not null)
        {
            wire["data"] = data.DeepClone();
        }

        _outbox.Add(new QueuedEdit(opId, DeviceDocument.KeyOf(collection, id), type, wire));
    }

    private void Acknowledge(QueuedEdit edit, JsonObject result)
    {
        if (result["opId"]?.GetValue<string>() != edit.OpId)
        {
            _anomalies.Add($"{deviceId}: the result for {edit.OpId} names {result["opId"]}");
        }

        // A rejected operation carries no document: the server copy stays as it was.
        if (result["document"] is JsonObject document)
        {
            var known = DeviceDocument.FromWire(document);
            Learn(edit.Type == "delete" ? known with { Deleted = true } : known);
        }
    }

    private void Pulled(DeviceDocument document, HashSet<string> inResponse)
    {
        if (!inResponse.Add(document.Key))
        {
            _anomalies.Add($"{deviceId}: {document.Key} came twice in one pull response");
        }

        if (!document.Deleted && (document.FacilityId is not { } facility || !facilities.Contains(facility)))
        {
            _anomalies.Add($"{deviceId}: pulled {document.Key} {document} outside its facilities [{string.Join(", ", facilities)}]");
        }

        if (_pulledVersions.TryGetValue(document.Key, out var before) && document.Version < before)
        {
            _anomalies.Add($"{deviceId}: {document.Key} went back from v{before} to v{document.Version}");
        }

        _pulledVersions[document.Key] = Math.Max(before, document.Version);
        Learn(document);
    }

    private void Learn(DeviceDocument document)
    {
        if (!_serverCopy.TryGetValue(document.Key, out var known) || document.Version > known.Version)
        {
            _serverCopy[document.Key] = document;
        }
    }

    private void Reconcile(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (_outbox.Exists(q => q.Key == key))
            {
                continue;
            }

            if (_serverCopy.TryGetValue(key, out var known) && !known.Deleted)
            {
                _working[key] = known;
            }
            else
            {
                _working.Remove(key);
            }
        }
    }
}
