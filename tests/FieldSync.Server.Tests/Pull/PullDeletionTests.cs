using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>Deletions reach devices that may hold the document, and only them.</summary>
public sealed class PullDeletionTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task A_document_deleted_after_the_checkpoint_is_listed_with_its_version_and_deletedAt()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var (kept, deleted) = (NewId("pat"), NewId("pat"));
        await PushAsync(client, NewId("tab"), CreatePatient(kept, facility), CreatePatient(deleted, facility));
        var device = NewId("tab");
        var before = await PullToEndAsync(client, device);
        Assert.Equal(2, before.Documents.Count);

        var deletion = Result(await PushAsync(client, NewId("tab"), Delete("patients", deleted)), 0);
        var after = await PullToEndAsync(client, device, before.Checkpoint);

        Assert.Empty(after.Documents);
        var listed = Assert.Single(after.Deletions);
        Assert.Equal("patients", (string)listed["collection"]!);
        Assert.Equal(deleted, (string)listed["id"]!);
        Assert.Equal(2, (long)listed["version"]!);
        Assert.Equal((long)deletion["document"]!["$version"]!, (long)listed["version"]!);
        Assert.Equal(Instant((string)deletion["document"]!["$updatedAt"]!), Instant((string)listed["deletedAt"]!));
    }

    [Fact]
    public async Task A_first_pull_lists_deletions_but_no_deleted_documents()
    {
        // The device that made both documents offline pushed them before its first pull; it must learn of the deletion.
        var (client, facility) = await NewWorkerAsync(Server);
        var (kept, deleted) = (NewId("pat"), NewId("pat"));
        await PushAsync(client, NewId("tab"), CreatePatient(kept, facility), CreatePatient(deleted, facility), Delete("patients", deleted));

        var first = await PullToEndAsync(client, NewId("tab"));

        Assert.Equal([kept], Ids(first.Documents));
        Assert.Equal([deleted], first.Deletions.Select(d => (string)d!["id"]!));
    }

    [Fact]
    public async Task A_deletion_is_listed_once_and_not_again_after_the_checkpoint_that_carried_it()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var deleted = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(deleted, facility));
        var device = NewId("tab");
        var before = await PullToEndAsync(client, device);
        await PushAsync(client, NewId("tab"), Delete("patients", deleted));

        var carried = await PullToEndAsync(client, device, before.Checkpoint);
        var next = await PullToEndAsync(client, device, carried.Checkpoint);

        Assert.Equal([deleted], carried.Deletions.Select(d => (string)d["id"]!));
        Assert.Empty(next.Deletions);
        Assert.Empty(next.Documents);
    }

    [Fact]
    public async Task A_deleted_document_is_not_listed_among_the_documents_of_any_later_pull()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var doomed = NewId("pat");
        await PushAsync(client, NewId("tab"), CreatePatient(doomed, facility));
        var device = NewId("tab");
        var before = await PullToEndAsync(client, device);

        await PushAsync(client, NewId("tab"),
            Update("patients", doomed, new JsonObject { ["phone"] = "+2348000000" }, 1), Delete("patients", doomed));
        var after = await PullToEndAsync(client, device, before.Checkpoint);

        Assert.DoesNotContain(doomed, Ids(after.Documents));
        Assert.Equal(3, (long)Assert.Single(after.Deletions)["version"]!);
    }

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
