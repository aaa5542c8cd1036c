using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;

namespace FieldSync.Storage.Tests.Contract;

/// <summary>
/// The storage contract every backend keeps, written only against Core's storage interfaces. A backend's test class
/// derives from it and supplies stores over a fresh database per test; every test starts from an initialized, empty store.
/// The tests are split by area over the partial files beside this one.
/// </summary>
public abstract partial class SyncStoreContract : IAsyncLifetime
{
    protected const string Patients = "patients";
    protected const string Immunizations = "immunizations";
    protected const string Notifications = "notifications";
    protected const string FacilityA = "facility-a";
    protected const string FacilityB = "facility-b";
    protected const string FacilityC = "facility-c";

    /// <summary>
    /// A server time with every microsecond digit in use, so a store that rounds is caught. Microseconds are the
    /// precision the engine stores times at (<c>ServerTime</c>): the finest PostgreSQL keeps.
    /// </summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_930);

    // Guards against a hang (a writer that never releases), not a speed check: a stuck test fails instead of blocking the run.
    private readonly CancellationTokenSource _hangGuard = new(TimeSpan.FromMinutes(2));

    /// <summary>The initialized store of this test.</summary>
    protected ISyncStore Store { get; private set; } = null!;

    /// <summary>The token every call passes.</summary>
    protected CancellationToken Token => _hangGuard.Token;

    /// <summary>
    /// A store over this test's database, which the first call creates empty; the store is not yet initialized.
    /// A later call in the same test returns another store over the same database, as a restarted server opens it.
    /// </summary>
    protected abstract Task<ISyncStore> CreateStoreAsync();

    /// <summary>Releases the stores of this test and removes its database.</summary>
    protected abstract Task DeleteDatabaseAsync();

    /// <summary>
    /// The rows of one table of this test's database (the log tables of DESIGN.md and <c>schema_version</c>), read
    /// outside the store as column name to value, for what the storage interfaces do not read back.
    /// </summary>
    protected abstract Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadTableAsync(string table);

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync(Token);
    }

    public async Task DisposeAsync()
    {
        _hangGuard.Dispose();
        await DeleteDatabaseAsync();
    }

    /// <summary>A version-1 live document of <paramref name="facility"/> changed at <paramref name="updatedAt"/> (default T0).</summary>
    protected static SyncDocument Document(string collection, string id, string facility = FacilityA, DateTimeOffset? updatedAt = null) =>
        new()
        {
            Collection = collection,
            Id = id,
            FacilityId = facility,
            Version = 1,
            CreatedAt = T0,
            UpdatedAt = updatedAt ?? T0,
            Body = new JsonObject { ["name"] = id, ["facility_id"] = facility },
            FieldEdits = new Dictionary<string, FieldEdit> { ["name"] = new(1, updatedAt ?? T0) },
        };

    /// <summary>The next version of <paramref name="document"/>, with a new name, one second later.</summary>
    protected static SyncDocument NextVersion(SyncDocument document, bool deleted = false)
    {
        var version = document.Version + 1;
        var updatedAt = document.UpdatedAt.AddSeconds(1);
        return document with
        {
            Version = version,
            UpdatedAt = updatedAt,
            Deleted = deleted,
            Body = new JsonObject { ["name"] = $"{document.Id} v{version}", ["facility_id"] = document.FacilityId },
            FieldEdits = new Dictionary<string, FieldEdit> { ["name"] = new(version, updatedAt) },
        };
    }

    /// <summary>Saves the documents in one committed transaction; returns them as saved, with their sequences.</summary>
    protected async Task<IReadOnlyList<SyncDocument>> CommitAsync(params SyncDocument[] documents)
    {
        await using var transaction = await Store.BeginAsync(Token);
        var saved = new List<SyncDocument>();
        foreach (var document in documents)
        {
            saved.Add(await transaction.SaveAsync(document, Token));
        }

        await transaction.CommitAsync(Token);
        return saved;
    }

    /// <summary>A query of every change of the collections, tombstones included, from the start.</summary>
    protected static ChangeQuery Everything(params string[] collections) =>
        new(collections, FacilityScope.All, AfterSequence: 0, Limit: 1000, IncludeDeleted: true, UpdatedAfter: null);

    /// <summary>Runs the query on a new reader.</summary>
    protected async Task<List<StoredChange>> ReadChangesAsync(ChangeQuery query)
    {
        await using var reader = await Store.OpenChangeReaderAsync(Token);
        return await ReadAllAsync(reader, query);
    }

    protected async Task<List<StoredChange>> ReadAllAsync(IChangeReader reader, ChangeQuery query)
    {
        var documents = new List<StoredChange>();
        await foreach (var document in reader.ReadChangesAsync(query, Token))
        {
            documents.Add(document);
        }

        return documents;
    }

    /// <summary>The document as a new reader sees it.</summary>
    protected async Task<SyncDocument?> GetCommittedAsync(string collection, string id)
    {
        await using var reader = await Store.OpenChangeReaderAsync(Token);
        return await reader.GetAsync(collection, id, Token);
    }

    protected static IEnumerable<string> Ids(IEnumerable<SyncDocument> documents) => documents.Select(d => d.Id);

    protected static IEnumerable<string> Ids(IEnumerable<StoredChange> changes) => changes.Select(d => d.Id);

    /// <summary>A change reads as <paramref name="expected"/> was stored: metadata, and the body compared as JSON.</summary>
    protected static void AssertSameChange(SyncDocument expected, StoredChange actual)
    {
        Assert.Equal(
            (expected.Collection, expected.Id, expected.FacilityId, expected.Version, expected.Sequence, expected.Deleted),
            (actual.Collection, actual.Id, actual.FacilityId, actual.Version, actual.Sequence, actual.Deleted));
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        var body = JsonNode.Parse(actual.Body.Span);
        Assert.True(JsonNode.DeepEquals(expected.Body, body), $"body {body?.ToJsonString()} != {expected.Body.ToJsonString()}");
    }

    /// <summary>Every stored field of <paramref name="actual"/> equals <paramref name="expected"/>'s, the body compared as JSON.</summary>
    protected static void AssertSameDocument(SyncDocument expected, SyncDocument? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Collection, expected.Id, expected.FacilityId, expected.Version, expected.Sequence, expected.Deleted),
            (actual.Collection, actual.Id, actual.FacilityId, actual.Version, actual.Sequence, actual.Deleted));
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        Assert.True(JsonNode.DeepEquals(expected.Body, actual.Body), $"body {actual.Body.ToJsonString()} != {expected.Body.ToJsonString()}");
        Assert.Equal(Edits(expected), Edits(actual));

        static IEnumerable<(string, long, long)> Edits(SyncDocument document) => document.FieldEdits
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, e.Value.Version, e.Value.EditedAt.UtcTicks));
    }
}
