using FieldSync.Core.Documents;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task A_document_that_left_a_facility_comes_as_a_tombstone_of_that_facility()
    {
        var moved = await MoveAsync("p1", FacilityA, FacilityB);

        var changes = await ReadChangesAsync(Scoped(FacilityA));

        var tombstone = Assert.Single(changes);
        Assert.Equal(("p1", FacilityA, true, moved.Version), (tombstone.Id, tombstone.FacilityId, tombstone.Deleted, tombstone.Version));
    }

    [Fact]
    public async Task A_caller_who_sees_the_new_facility_gets_the_document_not_the_exit()
    {
        var moved = await MoveAsync("p1", FacilityA, FacilityB);

        var changes = await ReadChangesAsync(Scoped(FacilityA, FacilityB));

        var document = Assert.Single(changes);
        Assert.Equal((FacilityB, false, moved.Version), (document.FacilityId, document.Deleted, document.Version));
        Assert.Empty(await ReadChangesAsync(Everything(Patients) with { AfterSequence = moved.Sequence }));
    }

    [Fact]
    public async Task Exits_are_not_returned_without_deletions_nor_to_callers_of_the_new_facility()
    {
        await MoveAsync("p1", FacilityA, FacilityB);

        Assert.Empty(await ReadChangesAsync(Scoped(FacilityA) with { IncludeDeleted = false }));
        Assert.Equal([FacilityB], (await ReadChangesAsync(Scoped(FacilityB))).Select(d => d.FacilityId));
        Assert.Equal([FacilityB], (await ReadChangesAsync(Everything(Patients))).Select(d => d.FacilityId));
    }

    [Fact]
    public async Task A_later_exit_from_the_same_facility_replaces_the_earlier_one()
    {
        await MoveAsync("p1", FacilityA, FacilityB);
        var back = await MoveAsync("p1", FacilityB, FacilityA);
        var again = await MoveAsync("p1", FacilityA, FacilityC);

        var changes = await ReadChangesAsync(Scoped(FacilityA));

        var tombstone = Assert.Single(changes);
        Assert.Equal((FacilityA, again.Version), (tombstone.FacilityId, tombstone.Version));
        Assert.True(tombstone.Sequence > back.Sequence, "the exit moved to a newer sequence");
    }

    [Fact]
    public async Task An_exit_rolled_back_with_its_move_leaves_nothing()
    {
        var saved = (await CommitAsync(Document(Patients, "p1", FacilityA)))[0];
        await using (var transaction = await Store.BeginAsync(Token))
        {
            var moved = await transaction.SaveAsync(NextVersion(saved) with { FacilityId = FacilityB }, Token);
            await transaction.RecordExitAsync(new FacilityExit(Patients, "p1", FacilityA, moved.Version, T0), Token);
        }

        var changes = await ReadChangesAsync(Scoped(FacilityA));

        Assert.Equal([(FacilityA, false)], changes.Select(d => (d.FacilityId, d.Deleted)));
    }

    [Fact]
    public async Task Pages_of_several_facilities_and_their_exits_come_in_sequence_order_without_a_gap()
    {
        await CommitAsync(Document(Patients, "a1", FacilityA), Document(Patients, "c1", FacilityC), Document(Patients, "a2", FacilityA));
        await MoveAsync("p1", FacilityA, FacilityB);
        await CommitAsync(Document(Patients, "c2", FacilityC), Document(Patients, "b1", FacilityB), Document(Patients, "a3", FacilityA));

        var query = Scoped(FacilityA, FacilityC) with { Limit = 2 };
        var read = new List<(string, bool)>();
        var sequences = new List<long>();
        await using var reader = await Store.OpenChangeReaderAsync(Token);
        // Bounded so that a store ignoring AfterSequence fails instead of paging forever.
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await ReadAllAsync(reader, query);
            if (page.Count == 0)
            {
                break;
            }

            Assert.True(page.Count <= query.Limit, $"a page of {page.Count} changes, more than its limit");
            read.AddRange(page.Select(c => (c.Id, c.Deleted)));
            sequences.AddRange(page.Select(c => c.Sequence));
            query = query with { AfterSequence = page[^1].Sequence };
        }

        Assert.Equal([("a1", false), ("c1", false), ("a2", false), ("p1", true), ("c2", false), ("a3", false)], read);
        Assert.Equal(sequences.Order(), sequences);
    }

    private async Task<SyncDocument> MoveAsync(string id, string from, string to)
    {
        var current = await GetCommittedAsync(Patients, id) ?? (await CommitAsync(Document(Patients, id, from)))[0];
        await using var transaction = await Store.BeginAsync(Token);
        var moved = await transaction.SaveAsync(NextVersion(current) with { FacilityId = to }, Token);
        var exitSequence = await transaction.RecordExitAsync(new FacilityExit(Patients, id, from, moved.Version, T0.AddMinutes(1)), Token);
        await transaction.CommitAsync(Token);
        Assert.NotEqual(moved.Sequence, exitSequence);
        return moved;
    }

    private static ChangeQuery Scoped(params string[] facilities) => Everything(Patients) with { Scope = FacilityScope.Of(facilities) };
}
