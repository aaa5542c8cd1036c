using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// DESIGN.md invariant 3 as a property: one device's operations on the same documents, in one batch, are applied in
/// queue order. The result of each operation and the stored end state equal what applying them one after another
/// gives, also when later operations overwrite the same fields with other values.
/// </summary>
public sealed class OrderProperties(PropertyServer fixture) : IClassFixture<PropertyServer>
{
    // Kind 0 create, 1 update, 2 delete; three documents; a field mask; one of three values, so later writes differ.
    private static readonly Gen<(int Kind, int Document, int Fields, int Value)> _operation =
        Gen.Select(Gen.FrequencyConst((2, 0), (6, 1), (1, 2)), Gen.Int[0, 2], Gen.Int[1, 7], Gen.Int[0, 2]);

    [Fact]
    public Task Operations_on_one_document_in_one_batch_are_applied_in_queue_order() =>
        _operation.Array[1, 15].SampleAsync(RunAsync, iter: 40, threads: 4,
            print: ops => string.Join(' ', ops.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Kind}/{o.Document}/{o.Fields}/{o.Value}"))));

    private async Task RunAsync((int Kind, int Document, int Fields, int Value)[] plan)
    {
        var scenario = fixture.NextScenario("or");
        var facility = scenario + "-fac";
        var deviceId = scenario + "-tab";
        var client = await fixture.ClientForNewUserAsync(scenario + "-user", facility);
        var model = new Dictionary<string, DeviceDocument>(StringComparer.Ordinal);
        var operations = new List<JsonObject>();
        var expected = new List<(string Status, DeviceDocument? Document)>();
        foreach (var (step, i) in plan.Select((p, i) => (p, i)))
        {
            var (operation, outcome) = Next(scenario, facility, i, step, model);
            operations.Add(operation);
            expected.Add(outcome);
        }

        var results = (await SyncWire.PushAsync(client, deviceId, operations))["results"]!.AsArray();
        var problems = new List<string>();
        for (var i = 0; i < operations.Count; i++)
        {
            var result = results[i]!.AsObject();
            var (status, document) = expected[i];
            var reported = result["document"] is JsonObject d ? DeviceDocument.FromWire(d) : null;
            var matches = result["status"]?.GetValue<string>() == status
                && (document is null || (reported is not null && reported.Version == document.Version
                    && (document.Deleted || JsonNode.DeepEquals(reported.Fields, document.Fields))));
            if (!matches)
            {
                problems.Add($"operation {i} {operations[i].ToJsonString()}: expected {status} {document}, got {result.ToJsonString()}");
            }
        }

        var stored = await ServerState.DocumentsAsync(fixture.Server.Database, [facility], includeDeleted: true);
        problems.AddRange(DocumentDiff.Between(model, stored, "in queue order", "stored"));
        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    // The operation to queue and what applying it after the earlier ones gives; the model moves on to that state.
    private static (JsonObject Operation, (string Status, DeviceDocument? Document) Outcome) Next(string scenario, string facility,
        int index, (int Kind, int Document, int Fields, int Value) step, Dictionary<string, DeviceDocument> model)
    {
        var collection = SimulatedDevice.Collections[step.Document % SimulatedDevice.Collections.Count];
        var id = string.Create(CultureInfo.InvariantCulture, $"{scenario}-doc{step.Document}");
        var key = DeviceDocument.KeyOf(collection, id);
        model.TryGetValue(key, out var current);
        var kind = step.Kind == 0 && current is { Deleted: false } ? 1 : step.Kind;
        var type = kind switch { 0 => "create", 1 => "update", _ => "delete" };
        var operation = new JsonObject
        {
            ["opId"] = string.Create(CultureInfo.InvariantCulture, $"{scenario}-op{index}"),
            ["type"] = type,
            ["collection"] = collection,
            ["documentId"] = id,
            ["baseVersion"] = current?.Version,
        };
        var data = new JsonObject();
        for (var i = 0; i < SimulatedDevice.DataFields.Count; i++)
        {
            if (((step.Fields >> i) & 1) == 1)
            {
                data[SimulatedDevice.DataFields[i]] = string.Create(CultureInfo.InvariantCulture, $"v{(step.Value + i) % 3}");
            }
        }

        if (kind == 0)
        {
            data["facility_id"] = facility;
        }

        if (kind != 2)
        {
            operation["data"] = data;
        }

        if (current is null ? kind != 0 : current.Deleted && kind != 2)
        {
            return (operation, ("rejected", null));
        }

        DeviceDocument next;
        if (current is null)
        {
            next = new DeviceDocument(collection, id, 1, false, data);
        }
        else if (kind == 2)
        {
            next = current.Deleted ? current : current with { Version = current.Version + 1, Deleted = true, Fields = new() { ["facility_id"] = facility } };
        }
        else
        {
            var fields = current.Fields.DeepClone().AsObject();
            foreach (var (name, value) in data)
            {
                fields[name] = value?.DeepClone();
            }

            next = JsonNode.DeepEquals(fields, current.Fields) ? current : current with { Version = current.Version + 1, Fields = fields };
        }

        model[key] = next;
        return (operation, ("applied", next));
    }
}
