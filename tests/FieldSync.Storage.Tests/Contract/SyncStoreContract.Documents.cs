using System.Text.Json.Nodes;
using FieldSync.Core.Documents;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Save_assigns_strictly_increasing_sequences()
    {
        var first = await CommitAsync(Document(Patients, "p1"), Document(Immunizations, "i1"), Document(Patients, "p2"));
        var second = await CommitAsync(NextVersion(first[0]), Document(Notifications, "n1"));

        var sequences = first.Concat(second).Select(d => d.Sequence).ToList();
        Assert.True(sequences[0] > 0, $"first sequence {sequences[0]}");
        for (var i = 1; i < sequences.Count; i++)
        {
            Assert.True(sequences[i] > sequences[i - 1], $"sequences {string.Join(", ", sequences)} are not strictly increasing");
        }
    }

    [Fact]
    public async Task Save_returns_the_document_with_its_sequence()
    {
        var document = Document(Patients, "p1");

        await using var transaction = await Store.BeginAsync(Token);
        var saved = await transaction.SaveAsync(document, Token);

        Assert.True(saved.Sequence > 0, $"sequence {saved.Sequence}");
        AssertSameDocument(document with { Sequence = saved.Sequence }, saved);
    }

    [Fact]
    public async Task Get_returns_every_field_that_was_saved()
    {
        var document = new SyncDocument
        {
            Collection = Immunizations,
            Id = "imm-0001",
            FacilityId = FacilityB,
            Version = 7,
            CreatedAt = new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.FromHours(2)).AddTicks(1_234_560),
            UpdatedAt = T0,
            Body = new JsonObject
            {
                ["patient_id"] = "p-42",
                ["vaccine_code"] = "BCG",
                ["dose_number"] = 2,
                ["weight_kg"] = 3.25,
                ["notes"] = "Müller — née Ngũgĩ",
                ["given"] = true,
                ["batch"] = null,
                ["sites"] = new JsonArray("left arm", 1, false),
                ["given_by"] = new JsonObject { ["name"] = "Nurse A", ["staff"] = new JsonObject { ["id"] = 17 } },
            },
            FieldEdits = new Dictionary<string, FieldEdit>
            {
                ["dose_number"] = new(7, T0),
                ["notes"] = new(3, T0.AddDays(-2).AddTicks(-1)),
            },
        };

        var saved = (await CommitAsync(document))[0];

        AssertSameDocument(document with { Sequence = saved.Sequence }, await GetCommittedAsync(Immunizations, "imm-0001"));
        await using var transaction = await Store.BeginAsync(Token);
        AssertSameDocument(document with { Sequence = saved.Sequence }, await transaction.GetAsync(Immunizations, "imm-0001", Token));
    }

    [Fact]
    public async Task Get_returns_a_tombstone_with_its_deleted_flag()
    {
        var live = (await CommitAsync(Document(Patients, "p1")))[0];
        var tombstone = (await CommitAsync(NextVersion(live, deleted: true)))[0];

        var stored = await GetCommittedAsync(Patients, "p1");

        Assert.True(stored?.Deleted);
        AssertSameDocument(tombstone, stored);
    }

    [Fact]
    public async Task Get_returns_null_for_an_unknown_id()
    {
        await CommitAsync(Document(Patients, "p1"));

        Assert.Null(await GetCommittedAsync(Patients, "p2"));
        Assert.Null(await GetCommittedAsync(Immunizations, "p1"));
        await using var transaction = await Store.BeginAsync(Token);
        Assert.Null(await transaction.GetAsync(Patients, "p2", Token));
    }

    [Fact]
    public async Task Saving_an_existing_id_replaces_the_document()
    {
        var original = Document(Patients, "p1") with
        {
            Body = new JsonObject { ["name"] = "Amina", ["phone"] = "0700", ["facility_id"] = FacilityA },
        };
        var first = (await CommitAsync(original))[0];
        var moved = NextVersion(first) with
        {
            FacilityId = FacilityB,
            Body = new JsonObject { ["name"] = "Amina K.", ["facility_id"] = FacilityB },
        };

        var second = (await CommitAsync(moved))[0];

        AssertSameDocument(moved with { Sequence = second.Sequence }, await GetCommittedAsync(Patients, "p1"));
        Assert.Equal(["p1"], Ids(await ReadChangesAsync(Everything(Patients))));
    }

    [Fact]
    public async Task Transaction_reads_its_own_uncommitted_writes()
    {
        await using var transaction = await Store.BeginAsync(Token);
        var saved = await transaction.SaveAsync(Document(Patients, "p1"), Token);

        AssertSameDocument(saved, await transaction.GetAsync(Patients, "p1", Token));
    }
}
