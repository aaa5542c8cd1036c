namespace FieldSync.Storage.Tests.Contract;

public abstract partial class SyncStoreContract
{
    [Fact]
    public async Task Reader_does_not_see_a_change_committed_after_it_opened()
    {
        var before = (await CommitAsync(Document(Patients, "p1")))[0];
        await using var reader = await Store.OpenChangeReaderAsync(Token);
        var horizon = reader.Horizon;

        await CommitAsync(NextVersion(before), Document(Patients, "p2"));

        Assert.Equal(horizon, reader.Horizon);
        var changes = await ReadAllAsync(reader, Everything(Patients));
        AssertSameChange(before, Assert.Single(changes));
        AssertSameDocument(before, await reader.GetAsync(Patients, "p1", Token));
        Assert.Null(await reader.GetAsync(Patients, "p2", Token));
    }

    [Fact]
    public async Task New_reader_sees_a_change_committed_after_an_older_reader_opened()
    {
        var before = (await CommitAsync(Document(Patients, "p1")))[0];
        await using var older = await Store.OpenChangeReaderAsync(Token);

        var after = await CommitAsync(NextVersion(before), Document(Patients, "p2"));

        await using var newer = await Store.OpenChangeReaderAsync(Token);
        Assert.True(newer.Horizon >= after[1].Sequence, $"newer horizon {newer.Horizon} is below the committed {after[1].Sequence}");
        Assert.True(newer.Horizon > older.Horizon, $"newer horizon {newer.Horizon}, older {older.Horizon}");
        var changes = await ReadAllAsync(newer, Everything(Patients));
        Assert.Equal(["p1", "p2"], Ids(changes));
        AssertSameChange(after[0], changes[0]);
    }

    [Fact]
    public async Task Reader_never_sees_a_change_that_is_not_yet_committed()
    {
        var committed = (await CommitAsync(Document(Patients, "p1")))[0];
        await using var transaction = await Store.BeginAsync(Token);
        var pending = await transaction.SaveAsync(Document(Patients, "p2"), Token);

        await using var reader = await Store.OpenChangeReaderAsync(Token);

        Assert.True(reader.Horizon < pending.Sequence, $"horizon {reader.Horizon} passes the uncommitted sequence {pending.Sequence}");
        Assert.True(reader.Horizon >= committed.Sequence, $"horizon {reader.Horizon} is below the committed {committed.Sequence}");
        Assert.Equal(["p1"], Ids(await ReadAllAsync(reader, Everything(Patients))));
        Assert.Null(await reader.GetAsync(Patients, "p2", Token));
    }

    [Fact]
    public async Task Horizon_covers_every_committed_change_when_idle()
    {
        await CommitAsync(Document(Patients, "p1"), Document(Immunizations, "i1"));
        var last = await CommitAsync(Document(Notifications, "n1"));

        await using var reader = await Store.OpenChangeReaderAsync(Token);

        // The horizon may lie beyond the last change (a store may know that nothing below some bound is in flight),
        // but never below a committed one, or a device that skips to it would miss that change.
        Assert.True(reader.Horizon >= last[0].Sequence, $"horizon {reader.Horizon} is below the committed {last[0].Sequence}");
        var next = await CommitAsync(Document(Patients, "p-after"));
        Assert.True(next[0].Sequence > reader.Horizon, $"a later change {next[0].Sequence} lies at or below the old horizon {reader.Horizon}");
    }

    [Fact]
    public async Task Horizon_is_at_least_every_returned_sequence()
    {
        var saved = await CommitAsync(Document(Patients, "p1"), Document(Patients, "p2", FacilityB), Document(Immunizations, "i1"));
        await CommitAsync(NextVersion(saved[0], deleted: true));

        await using var reader = await Store.OpenChangeReaderAsync(Token);
        var changes = await ReadAllAsync(reader, Everything(Patients, Immunizations));

        Assert.Equal(3, changes.Count);
        Assert.All(changes, d => Assert.True(d.Sequence <= reader.Horizon, $"sequence {d.Sequence} above horizon {reader.Horizon}"));
    }
}
