using FieldSync.Core.Security;

namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Changes_are_read_only_from_the_requested_collections()
    {
        await CommitAsync(Document(Patients, "p1"), Document(Immunizations, "i1"), Document(Notifications, "n1"), Document(Patients, "p2"));

        var changes = await ReadChangesAsync(Everything(Patients, Notifications));

        Assert.Equal(["p1", "n1", "p2"], Ids(changes));
    }

    [Fact]
    public async Task Limited_scope_reads_only_its_facilities()
    {
        await CommitAsync(Document(Patients, "a1", FacilityA), Document(Patients, "b1", FacilityB), Document(Patients, "c1", FacilityC));

        var changes = await ReadChangesAsync(Everything(Patients) with { Scope = FacilityScope.Of([FacilityA, FacilityC]) });

        Assert.Equal(["a1", "c1"], Ids(changes));
    }

    [Fact]
    public async Task All_scope_reads_every_facility()
    {
        await CommitAsync(Document(Patients, "a1", FacilityA), Document(Patients, "b1", FacilityB), Document(Patients, "c1", FacilityC));

        var changes = await ReadChangesAsync(Everything(Patients) with { Scope = FacilityScope.All });

        Assert.Equal(["a1", "b1", "c1"], Ids(changes));
    }

    [Fact]
    public async Task Empty_scope_reads_nothing()
    {
        await CommitAsync(Document(Patients, "a1", FacilityA), Document(Patients, "b1", FacilityB));

        var changes = await ReadChangesAsync(Everything(Patients) with { Scope = FacilityScope.Of([]) });

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Changes_after_a_sequence_exclude_that_sequence_and_earlier()
    {
        var saved = await CommitAsync(Document(Patients, "p1"), Document(Patients, "p2"), Document(Patients, "p3"));

        var changes = await ReadChangesAsync(Everything(Patients) with { AfterSequence = saved[1].Sequence });

        Assert.Equal(["p3"], Ids(changes));
    }

    [Fact]
    public async Task Changes_updated_after_a_time_exclude_that_time_and_earlier()
    {
        await CommitAsync(
            Document(Patients, "early", updatedAt: T0.AddTicks(-TimeSpan.TicksPerMicrosecond)),
            Document(Patients, "exact", updatedAt: T0),
            Document(Patients, "later", updatedAt: T0.AddTicks(TimeSpan.TicksPerMicrosecond)),
            Document(Patients, "much-later", updatedAt: T0.AddDays(3)));

        var changes = await ReadChangesAsync(Everything(Patients) with { UpdatedAfter = T0 });

        Assert.Equal(["later", "much-later"], Ids(changes));
    }

    [Fact]
    public async Task Limit_caps_the_page_at_the_earliest_changes()
    {
        await CommitAsync(Document(Patients, "p1"), Document(Patients, "p2"), Document(Patients, "p3"), Document(Patients, "p4"));

        var changes = await ReadChangesAsync(Everything(Patients) with { Limit = 2 });

        Assert.Equal(["p1", "p2"], Ids(changes));
    }

    [Fact]
    public async Task Changes_come_in_sequence_order_with_an_updated_document_last()
    {
        var saved = await CommitAsync(Document(Patients, "p1"), Document(Immunizations, "i1"), Document(Patients, "p2"));
        var updated = (await CommitAsync(NextVersion(saved[0])))[0];

        var changes = await ReadChangesAsync(Everything(Patients, Immunizations));

        Assert.Equal(["i1", "p2", "p1"], Ids(changes));
        Assert.Equal(changes.Select(d => d.Sequence).Order(), changes.Select(d => d.Sequence));
        AssertSameChange(updated, changes[^1]);
    }

    [Fact]
    public async Task Each_document_is_read_once_at_its_newest_version()
    {
        var v1 = (await CommitAsync(Document(Patients, "p1")))[0];
        var v2 = (await CommitAsync(NextVersion(v1), Document(Patients, "p2")))[0];
        var v3 = (await CommitAsync(NextVersion(v2)))[0];

        var changes = await ReadChangesAsync(Everything(Patients));

        Assert.Equal(["p2", "p1"], Ids(changes));
        AssertSameChange(v3, changes[1]);
    }

    [Fact]
    public async Task Tombstones_are_read_only_when_deleted_documents_are_included()
    {
        var saved = await CommitAsync(Document(Patients, "p1"), Document(Patients, "p2"));
        var tombstone = (await CommitAsync(NextVersion(saved[0], deleted: true)))[0];

        var withoutDeleted = await ReadChangesAsync(Everything(Patients) with { IncludeDeleted = false });
        var withDeleted = await ReadChangesAsync(Everything(Patients) with { IncludeDeleted = true });

        Assert.Equal(["p2"], Ids(withoutDeleted));
        Assert.Equal(["p2", "p1"], Ids(withDeleted));
        AssertSameChange(tombstone, withDeleted[1]);
    }

    [Fact]
    public async Task Paging_after_the_last_returned_sequence_reads_every_change_once()
    {
        var saved = await CommitAsync(
            Document(Patients, "p1"), Document(Patients, "p2", FacilityB), Document(Patients, "p3"), Document(Immunizations, "i1"));
        await CommitAsync(NextVersion(saved[0]), Document(Patients, "p4"));

        var query = Everything(Patients) with { Scope = FacilityScope.Of([FacilityA]), Limit = 2 };
        var read = new List<string>();
        await using var reader = await Store.OpenChangeReaderAsync(Token);
        // Bounded so that a store ignoring AfterSequence fails instead of paging forever.
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await ReadAllAsync(reader, query);
            if (page.Count == 0)
            {
                break;
            }

            read.AddRange(Ids(page));
            query = query with { AfterSequence = page[^1].Sequence };
        }

        Assert.Equal(["p3", "p1", "p4"], read);
    }
}
