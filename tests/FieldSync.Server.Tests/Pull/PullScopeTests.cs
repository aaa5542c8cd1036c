using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>A pull carries only documents and deletions of the caller's facilities, as the user table says now.</summary>
public sealed class PullScopeTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_health_worker_never_receives_documents_or_deletions_of_another_facility()
    {
        var (mine, theirs) = (NewId("fac"), NewId("fac"));
        var worker = Server.Client(await NewUserAsync(Server, UserRole.HealthWorker, mine));
        var system = Server.Client(await NewUserAsync(Server, UserRole.System));
        var (myPatient, myVisit, theirPatient, theirVisit) = (NewId("pat"), NewId("visit"), NewId("pat"), NewId("visit"));
        await PushAsync(system, NewId("tab"), CreatePatient(myPatient, mine), CreateVisit(myVisit, mine),
            CreatePatient(theirPatient, theirs), CreateVisit(theirVisit, theirs));
        var device = NewId("tab");

        var first = await PullToEndAsync(worker, device, pageLimit: 1);
        await PushAsync(system, NewId("tab"), Delete("patients", theirPatient), Delete("visits", theirVisit),
            Update("visits", myVisit, new JsonObject { ["reason"] = "fever" }, 1));
        var next = await PullToEndAsync(worker, device, first.Checkpoint);

        Assert.Equal(new[] { myPatient, myVisit }.Order(StringComparer.Ordinal), Ids(first.Documents).Order(StringComparer.Ordinal));
        Assert.Equal([myVisit], Ids(next.Documents));
        Assert.Empty(next.Deletions);
        Assert.All(first.Documents.Concat(next.Documents),
            d => Assert.Equal(mine, (string)(d["facility_id"] ?? d["clinic"])!));
    }

    [Fact]
    public async Task The_system_role_receives_documents_and_deletions_of_every_facility()
    {
        var (one, two) = (NewId("fac"), NewId("fac"));
        var writer = Server.Client(await NewUserAsync(Server, UserRole.HealthWorker, one, two));
        var system = Server.Client(await NewUserAsync(Server, UserRole.System));
        var (a, b) = (NewId("pat"), NewId("visit"));
        var device = NewId("tab");
        var start = await PullToEndAsync(system, device);
        await PushAsync(writer, NewId("tab"), CreatePatient(a, one), CreateVisit(b, two));

        var created = await PullToEndAsync(system, device, start.Checkpoint);
        await PushAsync(writer, NewId("tab"), Delete("patients", a), Delete("visits", b));
        var deleted = await PullToEndAsync(system, device, created.Checkpoint);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), Ids(created.Documents).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal),
            deleted.Deletions.Select(d => (string)d["id"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(UserRole.HealthWorker)]
    [InlineData(UserRole.FacilityAdmin)]
    public async Task A_user_whose_membership_is_removed_stops_receiving_that_facility_on_the_next_pull(UserRole role)
    {
        var (kept, removed) = (NewId("fac"), NewId("fac"));
        var user = await NewUserAsync(Server, role, kept, removed);
        var client = Server.Client(user);
        var (keptPatient, removedPatient) = (NewId("pat"), NewId("pat"));
        await PushAsync(client, NewId("tab"), CreatePatient(keptPatient, kept), CreatePatient(removedPatient, removed));
        var device = NewId("tab");
        var before = await PullToEndAsync(client, device);
        Assert.Equal(new[] { keptPatient, removedPatient }.Order(StringComparer.Ordinal),
            Ids(before.Documents).Order(StringComparer.Ordinal));
        var system = Server.Client(await NewUserAsync(Server, UserRole.System));
        var newcomer = NewId("pat");

        await Server.AddUserAsync(user, role, kept);
        await PushAsync(system, NewId("tab"), CreatePatient(newcomer, removed),
            Update("patients", removedPatient, new JsonObject { ["phone"] = "+2348000000" }, 1));
        var fromStart = await PullToEndAsync(client, NewId("tab"));
        var fromCheckpoint = await PullToEndAsync(client, device, before.Checkpoint);

        Assert.Equal([keptPatient], Ids(fromStart.Documents));
        Assert.All(fromCheckpoint.Documents, d => Assert.Equal(kept, (string)d["facility_id"]!));
        Assert.Empty(fromCheckpoint.Deletions);
    }

    [Fact]
    public async Task A_user_given_another_facility_receives_its_existing_documents_on_the_next_pull_from_a_checkpoint()
    {
        var (first, added) = (NewId("fac"), NewId("fac"));
        var user = await NewUserAsync(Server, UserRole.HealthWorker, first);
        var client = Server.Client(user);
        var system = Server.Client(await NewUserAsync(Server, UserRole.System));
        var (mine, existing, gone) = (NewId("pat"), NewId("pat"), NewId("pat"));
        await PushAsync(system, NewId("tab"), CreatePatient(mine, first), CreatePatient(existing, added), CreatePatient(gone, added),
            Delete("patients", gone));
        var device = NewId("tab");
        var before = await PullToEndAsync(client, device);
        Assert.Equal([mine], Ids(before.Documents));

        await Server.AddUserAsync(user, UserRole.HealthWorker, first, added);
        var after = await PullToEndAsync(client, device, before.Checkpoint);
        var settled = await PullToEndAsync(client, device, after.Checkpoint);

        Assert.Contains(existing, Ids(after.Documents));
        Assert.DoesNotContain(gone, Ids(after.Documents));
        Assert.Empty(settled.Documents);
    }
}
