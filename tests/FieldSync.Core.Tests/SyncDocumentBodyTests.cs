using System.Text;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;

namespace FieldSync.Core.Tests;

/// <summary>
/// A stored document carries its body's JSON so that writers copy it instead of serializing again. Those bytes must never
/// outlive the body they describe: a store writes them as the document, so stale bytes would silently undo a change.
/// </summary>
public sealed class SyncDocumentBodyTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_document_read_as_json_shows_the_same_fields_as_its_body()
    {
        var document = Stored("""{"facility_id":"fac-1","first_name":"Amina"}""");

        Assert.Equal("Amina", (string)document.Body["first_name"]!);
        Assert.Equal("fac-1", (string)document.Body["facility_id"]!);
    }

    [Fact]
    public void A_copy_with_a_new_body_forgets_the_old_json_so_a_store_writes_the_new_body()
    {
        var stored = Stored("""{"facility_id":"fac-1","first_name":"Amina"}""");
        var changed = stored.Body.DeepClone().AsObject();
        changed["first_name"] = "Hadiza";

        var updated = stored with { Version = 2, Body = changed };

        Assert.Null(updated.BodyJson);
        Assert.Equal("Hadiza", (string)updated.Body["first_name"]!);
        Assert.NotNull(stored.BodyJson);
    }

    [Fact]
    public void A_copy_that_keeps_the_body_keeps_its_json()
    {
        var stored = Stored("""{"facility_id":"fac-1"}""");

        var tombstoned = stored with { Version = 2, Deleted = true };

        Assert.Same(stored.BodyJson, tombstoned.BodyJson);
    }

    [Fact]
    public void The_wire_json_written_from_stored_bytes_equals_the_one_written_from_the_parsed_body()
    {
        var json = """{"facility_id":"fac-1","first_name":"Ngozi","phone":"+234 803 555 0102","doses":[1,2],"note":null}""";
        var fromBytes = Stored(json);
        var fromBody = fromBytes with { Body = JsonNode.Parse(json)!.AsObject() };

        var written = DocumentJson.ToWireUtf8(fromBytes);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DocumentJson.ToWireUtf8(fromBody)), JsonNode.Parse(written)));
        Assert.Equal("pat-1", (string)JsonNode.Parse(written)!["$id"]!);
        Assert.Equal(3L, (long)JsonNode.Parse(written)!["$version"]!);
    }

    [Fact]
    public void A_document_with_neither_body_nor_json_says_so_when_its_body_is_used()
    {
        var empty = new SyncDocument
        {
            Collection = "patients", Id = "pat-1", FacilityId = "fac-1", Version = 1, CreatedAt = At, UpdatedAt = At,
            FieldEdits = new Dictionary<string, FieldEdit>(),
        };

        Assert.Throws<InvalidOperationException>(() => empty.Body);
    }

    private static SyncDocument Stored(string json) => new()
    {
        Collection = "patients", Id = "pat-1", FacilityId = "fac-1", Version = 3, CreatedAt = At, UpdatedAt = At,
        BodyJson = Encoding.UTF8.GetBytes(json), FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
