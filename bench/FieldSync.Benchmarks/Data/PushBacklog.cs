using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;

namespace FieldSync.Benchmarks.Data;

/// <summary>
/// A device's offline backlog: 60% creates (patients, and immunization records of existing patients, which the
/// reference and schedule rules look up), 30% updates of existing patients (half of them made from an older version,
/// so they conflict and are merged), 10% deletes. Every operation touches its own document, in a shuffled order.
/// Also the rows each operation leaves, for the raw upsert baseline.
/// </summary>
internal sealed class PushBacklog
{
    public const string Facility = "fac-kano-001";

    private PushBacklog(List<SyncDocument> seed, List<JsonObject> operations, List<SyncDocument> rows) =>
        (Seed, Operations, Rows) = (seed, operations, rows);

    /// <summary>The patients the backlog updates, deletes and refers to, as stored before it.</summary>
    public IReadOnlyList<SyncDocument> Seed { get; }

    public IReadOnlyList<JsonObject> Operations { get; }

    /// <summary>The document row each operation leaves, in the order of <see cref="Operations"/>.</summary>
    public IReadOnlyList<SyncDocument> Rows { get; }

    public static PushBacklog Make(int count, DateTimeOffset at, string prefix = "")
    {
        var factory = new DocumentFactory(23);
        var random = new Random(29);
        var (creates, updates) = (count * 6 / 10, count * 3 / 10);
        var deletes = count - creates - updates;
        var seed = new List<SyncDocument>();
        for (var i = 0; i < updates + deletes; i++)
        {
            var body = factory.Patient(Facility, i);
            var stored = Dataset.Stored("patients", SeedId(prefix, i), Facility, body, at);
            // Every other updated patient was changed on the server since the device's copy: version 2, phone edited then.
            seed.Add(i < updates && i % 2 == 1
                ? stored with { Version = 2, FieldEdits = new Dictionary<string, FieldEdit>(stored.FieldEdits) { ["phone"] = new(2, at) } }
                : stored);
        }

        var pairs = new List<(JsonObject Operation, SyncDocument Row)>();
        for (var i = 0; i < creates; i++)
        {
            var id = prefix + (i % 2 == 0 ? "pat-new-" : "imm-new-") + Number(i);
            var body = i % 2 == 0 ? factory.Patient(Facility, 10_000 + i) : factory.Immunization(Facility, SeedId(prefix, i % updates),
                i % updates);
            var collection = i % 2 == 0 ? "patients" : "immunization_records";
            pairs.Add((Operation("create", collection, id, body, null), Dataset.Stored(collection, id, Facility, body, at)));
        }

        for (var i = 0; i < updates; i++)
        {
            var change = new JsonObject { ["phone"] = factory.Phone(), ["guardian_name"] = "Halima " + Number(i) };
            var merged = seed[i].Body.DeepClone().AsObject();
            foreach (var (field, value) in change)
            {
                merged[field] = value?.DeepClone();
            }

            pairs.Add((Operation("update", "patients", seed[i].Id, change, 1), seed[i] with { Version = seed[i].Version + 1,
                Body = merged }));
        }

        for (var i = updates; i < updates + deletes; i++)
        {
            pairs.Add((Operation("delete", "patients", seed[i].Id, null, null),
                seed[i] with { Version = 2, Deleted = true, Body = new JsonObject { ["facility_id"] = Facility } }));
        }

        var shuffled = pairs.OrderBy(_ => random.Next()).ToList();
        return new PushBacklog(seed, [.. shuffled.Select(p => p.Operation)], [.. shuffled.Select(p => p.Row)]);
    }

    private static string SeedId(string prefix, int i) => prefix + "pat-base-" + Number(i);

    private static string Number(int i) => i.ToString("D6", CultureInfo.InvariantCulture);

    private static JsonObject Operation(string type, string collection, string id, JsonObject? data, int? baseVersion)
    {
        var operation = new JsonObject
        {
            ["opId"] = $"op-{type}-{id}", ["type"] = type, ["collection"] = collection, ["documentId"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
        };
        if (data is not null)
        {
            operation["data"] = data;
        }

        if (baseVersion is { } b)
        {
            operation["baseVersion"] = b;
        }

        return operation;
    }
}
