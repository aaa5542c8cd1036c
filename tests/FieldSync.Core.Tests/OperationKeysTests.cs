using System.Text.Json.Nodes;
using CsCheck;
using FieldSync.Core.Contracts;
using FieldSync.Core.Sync;

namespace FieldSync.Core.Tests;

public sealed class OperationKeysTests
{
    private static readonly DateTimeOffset _sent = new(2025, 6, 1, 9, 30, 0, TimeSpan.Zero);

    private static QueuedOperation Operation(string? opId = null) => new()
    {
        OpId = opId,
        Type = "update",
        Collection = "patients",
        DocumentId = "pat-1",
        Data = new JsonObject { ["phone"] = "+234 800 000 0001", ["guardian_name"] = "Fatima" },
        Timestamp = _sent,
        BaseVersion = 3,
    };

    [Fact]
    public void The_opId_is_the_key_when_the_client_gives_one()
    {
        Assert.Equal("3f0c-op", OperationKeys.For(Operation("3f0c-op")));
    }

    [Fact]
    public void The_opId_wins_over_different_content()
    {
        var changed = Operation("3f0c-op") with { DocumentId = "pat-2", Data = new JsonObject { ["phone"] = "+1 555 0100" } };

        Assert.Equal(OperationKeys.For(Operation("3f0c-op")), OperationKeys.For(changed));
    }

    [Fact]
    public void An_operation_resent_without_opId_gets_the_same_key()
    {
        // Separate objects, as after the device reloads its queue from storage.
        var first = OperationKeys.For(Operation());
        var again = OperationKeys.For(Operation());

        Assert.Equal(first, again);
        Assert.StartsWith("auto-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_opId_counts_as_none()
    {
        Assert.Equal(OperationKeys.For(Operation()), OperationKeys.For(Operation(opId: "")));
    }

    [Fact]
    public void The_same_instant_written_with_another_offset_is_the_same_operation()
    {
        var elsewhere = Operation() with { Timestamp = _sent.ToOffset(TimeSpan.FromHours(1)) };

        Assert.Equal(OperationKeys.For(Operation()), OperationKeys.For(elsewhere));
    }

    [Theory]
    [InlineData("type")]
    [InlineData("collection")]
    [InlineData("documentId")]
    [InlineData("data")]
    [InlineData("dataValue")]
    [InlineData("noData")]
    [InlineData("timestamp")]
    [InlineData("noTimestamp")]
    [InlineData("baseVersion")]
    [InlineData("noBaseVersion")]
    public void Operations_without_opId_that_differ_in_any_field_get_different_keys(string field)
    {
        var original = Operation();
        var changed = field switch
        {
            "type" => original with { Type = "create" },
            "collection" => original with { Collection = "immunization_records" },
            "documentId" => original with { DocumentId = "pat-2" },
            "data" => original with { Data = new JsonObject { ["phone"] = "+234 800 000 0001" } },
            "dataValue" => original with { Data = new JsonObject { ["phone"] = "+234 800 000 0002", ["guardian_name"] = "Fatima" } },
            "noData" => original with { Data = null },
            "timestamp" => original with { Timestamp = _sent.AddMilliseconds(1) },
            "noTimestamp" => original with { Timestamp = null },
            "baseVersion" => original with { BaseVersion = 4 },
            "noBaseVersion" => original with { BaseVersion = null },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(OperationKeys.For(original), OperationKeys.For(changed));
    }

    [Fact]
    public void Random_operations_without_opId_share_a_key_only_when_their_content_is_equal()
    {
        var gen = Gen.Select(
            Gen.OneOfConst("create", "update", "delete"),
            Gen.OneOfConst("patients", "immunization_records"),
            Gen.Int[1, 4].Select(i => $"doc-{i}"),
            Gen.Int[0, 3].Nullable(0.3),
            Gen.Int[0, 3].Nullable(0.3),
            Gen.OneOfConst("a", "b").Null(0.3));
        gen.Array[2].Sample(ops =>
        {
            var (a, b) = (Build(ops[0]), Build(ops[1]));
            Assert.Equal(ops[0] == ops[1], OperationKeys.For(a) == OperationKeys.For(b));
        }, iter: 1000);

        static QueuedOperation Build((string Type, string Collection, string Id, int? Minutes, int? Base, string? Phone) o) => new()
        {
            Type = o.Type,
            Collection = o.Collection,
            DocumentId = o.Id,
            Timestamp = o.Minutes is { } m ? _sent.AddMinutes(m) : null,
            BaseVersion = o.Base,
            Data = o.Phone is { } p ? new JsonObject { ["phone"] = p } : null,
        };
    }
}
