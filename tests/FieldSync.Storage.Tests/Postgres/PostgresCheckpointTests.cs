using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Contracts;
using FieldSync.Core.Documents;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;
using FieldSync.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace FieldSync.Storage.Tests.Postgres;

/// <summary>
/// On PostgreSQL transactions commit in another order than they took their positions. These tests force that order
/// and hammer it with concurrent writers on two store instances, and pull through the real engine all the while.
/// </summary>
[Trait("Storage", "Postgres")]
public sealed class PostgresCheckpointTests : IAsyncLifetime
{
    private static readonly SyncConfiguration _configuration = SyncConfigurationLoader.Parse(
        """{ "collections": { "patients": {} }, "pull": { "defaultPageLimit": 7, "maxPageLimit": 50, "maxPages": 3 } }""", "test");
    private static readonly SyncCaller _system = new("reader", UserRole.System, FacilityScope.All);
    private readonly PostgresTestDatabase _database = new();
    private PostgresSyncStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await _database.CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Pull_never_skips_a_change_committed_out_of_order()
    {
        await using var early = await _store.BeginAsync(CancellationToken.None);
        var earlyChange = await early.SaveAsync(Patient("early", 1), CancellationToken.None);
        await using (var late = await _store.BeginAsync(CancellationToken.None))
        {
            var lateChange = await late.SaveAsync(Patient("late", 1), CancellationToken.None);
            Assert.True(lateChange.Sequence > earlyChange.Sequence, "the later transaction took the later position");
            await late.CommitAsync(CancellationToken.None);
        }

        var (first, checkpoint) = await PullToCompletionAsync(_store, null);
        Assert.DoesNotContain("early", first.Keys);
        Assert.True(Checkpoint.TryDecode(checkpoint, out var position) && position < earlyChange.Sequence,
            $"the checkpoint {position} passed the in-flight change at {earlyChange.Sequence}");

        await early.CommitAsync(CancellationToken.None);
        var (second, _) = await PullToCompletionAsync(_store, checkpoint);

        Assert.Contains("early", second.Keys);
        Assert.Equal(["early", "late"], first.Keys.Concat(second.Keys).Distinct().Order());
    }

    [Fact]
    public async Task Reader_pulling_during_concurrent_writes_on_two_instances_ends_with_every_newest_version()
    {
        var other = await _database.CreateStoreAsync();
        var stores = new[] { _store, other };
        const int documents = 12;
        const int writesPerWriter = 40;
        var readerSaw = new ConcurrentDictionary<string, long>();
        using var writersDone = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < writesPerWriter; i++)
            {
                await WriteWithRetryAsync(stores[w % 2], $"p{random.Next(documents)}");
            }
        })).ToArray();
        var reader = Task.Run(async () =>
        {
            string? checkpoint = null;
            while (!writersDone.IsCancellationRequested)
            {
                (var page, checkpoint) = await PullToCompletionAsync(stores[1], checkpoint);
                foreach (var (id, version) in page)
                {
                    var previous = readerSaw.GetValueOrDefault(id);
                    Assert.True(version > previous, $"{id} went from version {previous} back to {version}");
                    readerSaw[id] = version;
                }
            }

            return checkpoint;
        });

        await Task.WhenAll(writers);
        await writersDone.CancelAsync();
        var last = await reader;
        foreach (var (id, version) in (await PullToCompletionAsync(stores[0], last)).Documents)
        {
            readerSaw[id] = version;
        }

        var server = (await PullToCompletionAsync(stores[0], null)).Documents;
        Assert.Equal(server.OrderBy(p => p.Key), readerSaw.OrderBy(p => p.Key));
        Assert.Equal(6 * writesPerWriter, server.Values.Sum());
    }

    private static async Task WriteWithRetryAsync(ISyncStore store, string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var transaction = await store.BeginAsync(CancellationToken.None);
                var current = await transaction.GetAsync("patients", id, CancellationToken.None);
                await transaction.SaveAsync(Patient(id, (current?.Version ?? 0) + 1), CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                return;
            }
            catch (Core.Errors.StorageException e) when (e.IsTransient && attempt < 20)
            {
                // Two instances created the same new document at once; the loser tries again as an update.
            }
        }
    }

    private static async Task<(Dictionary<string, long> Documents, string Checkpoint)> PullToCompletionAsync(ISyncStore store, string? checkpoint)
    {
        var service = new PullService(store, _configuration, TimeProvider.System, NullLogger<PullService>.Instance);
        var documents = new Dictionary<string, long>();
        while (true)
        {
            await using var pull = await service.OpenAsync(_system, new PullRequest { DeviceId = "reader", Checkpoint = checkpoint },
                CancellationToken.None);
            await foreach (var document in pull.ReadAsync(CancellationToken.None))
            {
                documents[document.Id] = document.Version;
            }

            checkpoint = pull.Checkpoint;
            if (!pull.HasMore)
            {
                return (documents, checkpoint);
            }
        }
    }

    private static SyncDocument Patient(string id, long version) => new()
    {
        Collection = "patients",
        Id = id,
        FacilityId = "fac-1",
        Version = version,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch.AddSeconds(version),
        Body = new JsonObject { ["facility_id"] = "fac-1", ["name"] = $"{id} v{version}" },
        FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
