using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// DESIGN.md invariant 2 as a property: devices send random batches, then the network replays them, whole or in
/// part, also after later batches of the same device. Each operation takes effect once: every document's version is
/// the number of changes its first results report, replays report the first result again, and
/// <c>processed_operations</c> holds exactly one row per operation sent.
/// </summary>
public sealed class ExactlyOnceProperties(PropertyServer fixture) : IClassFixture<PropertyServer>
{
    private static readonly Gen<(int, int, int, int)> _operation =
        Gen.Select(Gen.FrequencyConst((3, 0), (6, 1), (1, 2)), Gen.Int[0, 3], Gen.Int[1, 7], Gen.Int[-1, 4]);

    private static readonly Gen<PlannedBatch> _batch =
        Gen.Select(Gen.Int[0, 2], _operation.Array[1, 5], Gen.Int[0, 4], (device, operations, echo) => new PlannedBatch(device, operations, echo == 0));

    private static readonly Gen<PlannedReplay> _replay =
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 31], (after, source, mask) => new PlannedReplay(after, source, mask));

    [Fact]
    public Task Replayed_and_reordered_batches_apply_every_operation_exactly_once() =>
        Gen.Select(_batch.Array[2, 8], _replay.Array[1, 8])
            .SampleAsync(RunAsync, iter: 30, threads: 4, print: s => $"{string.Join(' ', s.Item1)} {string.Join(' ', s.Item2)}");

    private async Task RunAsync(PlannedBatch[] batches, PlannedReplay[] replays)
    {
        var scenario = fixture.NextScenario("eo");
        var facility = scenario + "-fac";
        var nurse = await fixture.ClientForNewUserAsync(scenario + "-user-1", facility);
        var midwife = await fixture.ClientForNewUserAsync(scenario + "-user-2", facility);
        (string Id, HttpClient Client)[] devices = [(scenario + "-tab0", nurse), (scenario + "-tab1", nurse), (scenario + "-tab2", midwife)];
        var wire = batches.Select((batch, b) => batch.Operations.Select((o, i) => Operation(scenario, facility, b, i, o)).ToList()).ToList();
        var ledger = new ExactlyOnceLedger();

        for (var k = 0; k < batches.Length; k++)
        {
            var fresh = batches[k].Echo ? [.. wire[k], wire[k][0]] : wire[k];
            await SendAsync(devices[batches[k].Device % devices.Length], fresh, ledger);
            foreach (var replay in replays.Where(r => r.After % batches.Length == k))
            {
                var source = replay.Source % (k + 1);
                var part = wire[source].Where((_, i) => ((replay.Mask >> i) & 1) == 1).ToList();
                await SendAsync(devices[batches[source].Device % devices.Length], part.Count == 0 ? wire[source] : part, ledger);
            }
        }

        var problems = ledger.Problems.ToList();
        var stored = await ServerState.DocumentsAsync(fixture.Server.Database, [facility], includeDeleted: true);
        foreach (var key in stored.Keys.Union(ledger.Versions.Keys).Order(StringComparer.Ordinal))
        {
            var counted = ledger.Versions.GetValueOrDefault(key);
            if (!stored.TryGetValue(key, out var document) || document.Version != counted)
            {
                problems.Add($"{key}: stored {document?.ToString() ?? "(none)"}, but the first results count {counted} change(s)");
            }
        }

        var rows = await ServerState.ProcessedOperationsAsync(fixture.Server.Database, [.. devices.Select(d => d.Id)]);
        problems.AddRange(rows.GroupBy(r => (r.DeviceId, r.OpId)).Where(g => g.Count() > 1)
            .Select(g => $"processed_operations holds {g.Count()} rows for {g.Key}"));
        problems.AddRange(ledger.FirstResults.Keys.Except(rows.Select(r => (r.DeviceId, r.OpId)))
            .Select(k => $"processed_operations has no row for {k}: a replay of it could apply it again"));
        foreach (var (deviceId, opId, result) in rows)
        {
            if (!ledger.FirstResults.TryGetValue((deviceId, opId), out var first))
            {
                problems.Add($"processed_operations holds ({deviceId}, {opId}), which was never sent");
            }
            else if (result["status"]?.GetValue<string>() != first["status"]?.GetValue<string>()
                || !JsonNode.DeepEquals(result["document"], first["document"]))
            {
                problems.Add($"processed_operations keeps {result.ToJsonString()} for {opId}, but the first answer was {first.ToJsonString()}");
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    private static async Task SendAsync((string Id, HttpClient Client) device, List<JsonObject> operations, ExactlyOnceLedger ledger) =>
        ledger.Record(device.Id, operations, await SyncWire.PushAsync(device.Client, device.Id, operations));

    // Types: 0 create, 1 update, 2 delete. Every value names its operation, so no two operations write the same value.
    private static JsonObject Operation(string scenario, string facility, int batch, int index, (int Type, int Document, int Fields, int Base) plan)
    {
        var opId = string.Create(CultureInfo.InvariantCulture, $"{scenario}-b{batch}-o{index}");
        var type = plan.Type switch { 0 => "create", 1 => "update", _ => "delete" };
        var operation = new JsonObject
        {
            ["opId"] = opId,
            ["type"] = type,
            ["collection"] = SimulatedDevice.Collections[plan.Document % SimulatedDevice.Collections.Count],
            ["documentId"] = string.Create(CultureInfo.InvariantCulture, $"{scenario}-doc{plan.Document}"),
            ["baseVersion"] = plan.Base < 0 ? null : plan.Base,
        };
        if (type != "delete")
        {
            var data = new JsonObject();
            if (type == "create")
            {
                data["facility_id"] = facility;
            }

            for (var i = 0; i < SimulatedDevice.DataFields.Count; i++)
            {
                if (((plan.Fields >> i) & 1) == 1)
                {
                    data[SimulatedDevice.DataFields[i]] = opId;
                }
            }

            operation["data"] = data;
        }

        return operation;
    }
}
