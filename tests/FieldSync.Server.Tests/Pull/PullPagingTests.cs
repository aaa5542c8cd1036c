using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;
using FieldSync.Server.Tests.Push;
using static FieldSync.Server.Tests.Push.SyncApi;

namespace FieldSync.Server.Tests.Pull;

/// <summary>Paging a pull by checkpoint: everything once, at its newest version, with an exact <c>hasMore</c>.</summary>
public sealed class PullPagingTests(SyncServerFixture fixture) : IClassFixture<SyncServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Paging_until_hasMore_is_false_returns_every_document_of_the_callers_facilities_once_at_its_newest_version()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var expected = await SeedPatientsAsync(client, facility, 23);
        var updates = new List<JsonObject>();
        foreach (var id in expected.Keys.Take(6))
        {
            updates.Add(Update("patients", id, new JsonObject { ["phone"] = "+2348000000" }, expected[id]));
        }

        foreach (var id in expected.Keys.Take(3))
        {
            updates.Add(Update("patients", id, new JsonObject { ["phone"] = "+2348000001" }, expected[id] + 1));
        }

        var updated = await PushAsync(client, NewId("tab"), [.. updates]);
        foreach (var result in updated["results"]!.AsArray())
        {
            Assert.Equal("applied", (string)result!["status"]!);
            expected[(string)result["document"]!["$id"]!] = (long)result["document"]!["$version"]!;
        }

        var (otherClient, otherFacility) = await NewWorkerAsync(Server);
        var other = await SeedPatientsAsync(otherClient, otherFacility, 3);

        var run = await PullToEndAsync(client, NewId("tab"), pageLimit: 4);

        var documents = run.Documents;
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), Ids(documents).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(expected[(string)d["$id"]!], (long)d["$version"]!));
        Assert.All(documents.Where(d => (long)d["$version"]! == 3), d => Assert.Equal("+2348000001", (string)d["phone"]!));
        Assert.Empty(Ids(documents).Intersect(other.Keys));
        Assert.Equal(6, run.Responses.Count);
    }

    [Fact]
    public async Task A_pull_with_maxPages_returns_several_pages_in_one_response()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var seeded = await SeedPatientsAsync(client, facility, 7);
        var device = NewId("tab");

        var first = await PullAsync(client, new JsonObject { ["deviceId"] = device, ["pageLimit"] = 2, ["maxPages"] = 3 });
        var second = await PullAsync(client, new JsonObject
        {
            ["deviceId"] = device, ["checkpoint"] = first["checkpoint"]!.DeepClone(), ["pageLimit"] = 2, ["maxPages"] = 3,
        });

        Assert.Equal(6, Documents(first).Count);
        Assert.True((bool)first["hasMore"]!);
        Assert.Single(Documents(second));
        Assert.False((bool)second["hasMore"]!);
        Assert.Equal(seeded.Keys.Order(StringComparer.Ordinal),
            Ids([.. Documents(first), .. Documents(second)]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HasMore_is_false_when_the_last_page_is_exactly_full_so_no_empty_round_trip_follows()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        await SeedPatientsAsync(client, facility, 6);
        var device = NewId("tab");

        var run = await PullToEndAsync(client, device, pageLimit: 3);
        var onePull = await PullAsync(client, new JsonObject { ["deviceId"] = device, ["pageLimit"] = 3, ["maxPages"] = 2 });

        Assert.Equal([3, 3], run.Responses.Select(r => Documents(r).Count));
        Assert.Equal([true, false], run.Responses.Select(r => (bool)r["hasMore"]!));
        Assert.Equal(6, Documents(onePull).Count);
        Assert.False((bool)onePull["hasMore"]!);
    }

    [Fact]
    public async Task PageCursor_is_accepted_as_another_name_for_the_checkpoint()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        await SeedPatientsAsync(client, facility, 5);
        var device = NewId("tab");
        var first = await PullAsync(client, new JsonObject { ["deviceId"] = device, ["pageLimit"] = 2 });

        var byCheckpoint = await PullAsync(client,
            new JsonObject { ["deviceId"] = device, ["checkpoint"] = first["checkpoint"]!.DeepClone(), ["pageLimit"] = 2 });
        var byCursor = await PullAsync(client,
            new JsonObject { ["deviceId"] = device, ["pageCursor"] = first["checkpoint"]!.DeepClone(), ["pageLimit"] = 2 });

        Assert.Equal(2, Documents(byCursor).Count);
        Assert.Equal(Ids(Documents(byCheckpoint)), Ids(Documents(byCursor)));
        Assert.Empty(Ids(Documents(first)).Intersect(Ids(Documents(byCursor))));
        Assert.Equal((string)byCheckpoint["checkpoint"]!, (string)byCursor["checkpoint"]!);
    }

    [Fact]
    public async Task Documents_sharing_one_timestamp_are_all_delivered_across_pages()
    {
        var (client, facility) = await NewWorkerAsync(Server);
        var seeded = await SeedPatientsAsync(client, facility, 9);
        // The API gives every write its own clock reading; only a direct write can make nine changes share one instant,
        // as a bulk import or a coarse clock would. A checkpoint that were a time would lose the rest of such a page.
        Assert.Equal(9, await Server.ExecuteAsync("UPDATE documents SET updated_at = @t WHERE facility_id = @f",
            ("@t", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), ("@f", facility)));

        var run = await PullToEndAsync(client, NewId("tab"), pageLimit: 2);

        Assert.Equal(seeded.Keys.Order(StringComparer.Ordinal), Ids(run.Documents).Order(StringComparer.Ordinal));
        Assert.All(run.Documents, d => Assert.Equal("2030-01-01T00:00:00.0000000Z", (string)d["$updatedAt"]!));
        Assert.Equal(5, run.Responses.Count);
    }
}
