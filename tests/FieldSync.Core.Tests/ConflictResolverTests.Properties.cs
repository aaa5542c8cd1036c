using System.Text.Json.Nodes;
using CsCheck;
using FieldSync.Core.Configuration;
using FieldSync.Core.Documents;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Tests;

public sealed partial class ConflictResolverTests
{
    [Fact]
    public void A_merge_from_the_current_version_is_the_server_body_overwritten_with_the_client_fields()
    {
        var gen = Gen.Select(ServerFields(), Fields(), Gen.Long[1, 50], Gen.Enum<ConflictStrategy>());
        gen.Sample((serverFields, clientFields, version, strategy) =>
        {
            var server = Document(serverFields, version);
            var outcome = ConflictResolver.Merge(new MergeInput(server, ToJson(clientFields), version, _t0, strategy));

            var expected = server.Body.DeepClone().AsObject();
            foreach (var (name, json) in clientFields)
            {
                expected[name] = JsonNode.Parse(json);
            }

            Assert.False(outcome.Conflict);
            AssertJsonEqual(expected, outcome.Body);
        }, iter: 500);
    }

    [Fact]
    public void A_merge_never_invents_a_field_or_value_that_neither_side_had()
    {
        var gen = Gen.Select(ServerFields(), Fields(), Gen.Long[1, 20], Gen.Long[0, 22].Nullable(0.2), Gen.Int[0, 30],
            Gen.Enum<ConflictStrategy>());
        gen.Sample((serverFields, clientFields, version, baseVersion, clientHours, strategy) =>
        {
            var server = Document(serverFields, version);
            var input = new MergeInput(server, ToJson(clientFields), baseVersion, _t0.AddHours(clientHours), strategy);

            var outcome = ConflictResolver.Merge(input);

            foreach (var (name, value) in outcome.Body)
            {
                var fromServer = server.Body.ContainsKey(name) && JsonNode.DeepEquals(value, server.Body[name]);
                var fromClient = input.ClientChanges.ContainsKey(name) && JsonNode.DeepEquals(value, input.ClientChanges[name]);
                Assert.True(fromServer || fromClient, $"{name} = {value?.ToJsonString()} came from neither side");
            }

            Assert.All(server.Body, f => Assert.True(outcome.Body.ContainsKey(f.Key), $"{f.Key} of the server was dropped"));
            Assert.All(outcome.TakenFields, f => Assert.True(JsonNode.DeepEquals(input.ClientChanges[f], outcome.Body[f])));
        }, iter: 1000);
    }

    private static readonly string[] _fieldNames = ["a", "b", "c", "d", "e", "f"];

    // Field values as JSON text, so that each document gets nodes of its own.
    private static readonly Gen<string> _value = Gen.OneOf(
        Gen.Int[-3, 3].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOfConst("\"x\"", "\"y\"", "\"\"", "true", "false", "1.5", "[1,2]", "{\"k\":\"v\"}"));

    private static Gen<Dictionary<string, string>> Fields() => Gen.Dictionary(Gen.OneOfConst(_fieldNames), _value)[0, 6];

    // Each server field with the share of the document's history at which it was last edited.
    private static Gen<Dictionary<string, (string Json, double EditShare)>> ServerFields() =>
        Gen.Dictionary(Gen.OneOfConst(_fieldNames), Gen.Select(_value, Gen.Double[0, 1]))[0, 6];

    private static JsonObject ToJson(Dictionary<string, string> fields)
    {
        var json = new JsonObject();
        foreach (var (name, text) in fields)
        {
            json[name] = JsonNode.Parse(text);
        }

        return json;
    }

    private static SyncDocument Document(Dictionary<string, (string Json, double EditShare)> fields, long version) => new()
    {
        Collection = "items",
        Id = "item-1",
        FacilityId = "fac-1",
        Version = version,
        CreatedAt = _t0,
        UpdatedAt = _t0.AddHours(version),
        Body = ToJson(fields.ToDictionary(f => f.Key, f => f.Value.Json)),
        FieldEdits = fields.ToDictionary(f => f.Key, f =>
        {
            var edited = 1 + (long)Math.Floor(f.Value.EditShare * (version - 1));
            return new FieldEdit(edited, _t0.AddHours(edited));
        }),
    };
}
