using System.Text.Json.Nodes;
using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using FieldSync.Storage.Postgres;
using Npgsql;

namespace FieldSync.Storage.Tests.Postgres;

/// <summary>
/// A change committed before a pull began is in that pull, even while a transaction that took an older position is
/// still running: the reader waits for that transaction instead of stopping below the change.
/// </summary>
[Trait("Storage", "Postgres")]
public sealed class PostgresReadWaitTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new();
    private PostgresSyncStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await _database.CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Reader_opened_while_an_older_transaction_runs_sees_the_change_committed_before_it()
    {
        await using var early = await _store.BeginAsync(CancellationToken.None);
        var earlyChange = await early.SaveAsync(Patient("early"), CancellationToken.None);
        SyncDocument lateChange;
        await using (var late = await _store.BeginAsync(CancellationToken.None))
        {
            lateChange = await late.SaveAsync(Patient("late"), CancellationToken.None);
            await late.CommitAsync(CancellationToken.None);
        }

        var opening = _store.OpenChangeReaderAsync(CancellationToken.None);
        // The reader has taken a snapshot in which "early" holds it back and waits for "early" to end; only then does
        // "early" commit, so the reader cannot have opened after both committed.
        await WaitUntilWaitingOrOpenedAsync(opening);
        await early.CommitAsync(CancellationToken.None);
        await using var reader = await opening;

        Assert.True(reader.Horizon >= lateChange.Sequence,
            $"horizon {reader.Horizon} is below {lateChange.Sequence}, committed before the reader was opened");
        var query = new ChangeQuery(["patients"], Core.Security.FacilityScope.All, 0, 10, IncludeDeleted: true, UpdatedAfter: null);
        var ids = new List<string>();
        await foreach (var document in reader.ReadChangesAsync(query, CancellationToken.None))
        {
            ids.Add(document.Id);
        }

        Assert.Equal(["early", "late"], ids);
        Assert.True(earlyChange.Sequence < lateChange.Sequence, "the early transaction took the older position");
    }

    // A backend's last statement stays in pg_stat_activity, so the reader's wait shows as its poll of the transaction.
    private async Task WaitUntilWaitingOrOpenedAsync(Task<IChangeReader> opening)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%pg_xact_status%' " +
            "AND pid <> pg_backend_pid()", connection);
        for (var attempt = 0; attempt < 3000 && !opening.IsCompleted; attempt++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(1);
        }
    }

    private static SyncDocument Patient(string id) => new()
    {
        Collection = "patients",
        Id = id,
        FacilityId = "fac-1",
        Version = 1,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Body = new JsonObject { ["facility_id"] = "fac-1" },
        FieldEdits = new Dictionary<string, FieldEdit>(),
    };
}
