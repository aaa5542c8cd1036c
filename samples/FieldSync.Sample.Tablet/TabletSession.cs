using System.Text.Json.Nodes;
using FieldSync.Client;

namespace FieldSync.Sample.Tablet;

/// <summary>One session of the tablet: offline work first, then a sync when a server is given.</summary>
internal sealed class TabletSession(string databasePath, string? deviceId, string facility, TextWriter output)
{
    public async Task<int> RunAsync(Uri? server, string? token, CancellationToken cancellationToken)
    {
        var options = new FieldSyncClientOptions
        {
            // Offline the address is never used; the client opens and writes its file without a network.
            ServerUrl = server ?? new Uri("http://127.0.0.1:5080"),
            DeviceId = deviceId,
            DatabasePath = databasePath,
            AccessToken = () => token ?? "",
            Collections = ["patients", "immunization_records"],
        };
        await using var client = new FieldSyncClient(options);
        output.WriteLine($"Tablet {client.DeviceId}, local file {Path.GetFullPath(databasePath)}");
        await WorkOfflineAsync(client.Collection("patients"), cancellationToken);
        output.WriteLine($"{await client.GetPendingCountAsync(cancellationToken)} change(s) wait in the outbox.");
        if (server is null)
        {
            output.WriteLine("No --server given: staying offline. Run again with --server and --token to sync.");
            return 0;
        }

        return await SyncAsync(client, cancellationToken);
    }

    private async Task WorkOfflineAsync(SyncCollection patients, CancellationToken cancellationToken)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var amina = $"pat-{suffix}-1";
        await patients.PutAsync(amina, Patient("Amina", "Okafor", "2024-03-01", "female"), cancellationToken);
        await patients.PutAsync($"pat-{suffix}-2", Patient("Musa", "Bello", "2023-11-20", "male"), cancellationToken);
        var draft = $"pat-{suffix}-3";
        await patients.PutAsync(draft, Patient("Test", "Entry", "2024-01-01", "unknown"), cancellationToken);
        output.WriteLine($"Offline: registered {amina}, pat-{suffix}-2 and {draft}.");

        var edited = (await patients.GetAsync(amina, cancellationToken))!;
        edited["guardian_name"] = "Halima Okafor";
        edited["guardian_phone"] = "+234 803 000 0001";
        await patients.PutAsync(amina, edited, cancellationToken);
        await patients.DeleteAsync(draft, cancellationToken);
        output.WriteLine($"Offline: added a guardian to {amina} and deleted the test entry {draft}.");

        var all = await patients.ListAsync(cancellationToken);
        output.WriteLine($"The tablet holds {all.Count} patient(s){(all.Count > 5 ? ", the last 5 by id" : "")}:");
        foreach (var patient in all.TakeLast(5))
        {
            var version = patient["$version"] is null ? "not synced yet" : $"version {patient["$version"]}";
            output.WriteLine($"  {patient["$id"]}: {patient["first_name"]} {patient["last_name"]} ({version})");
        }
    }

    private async Task<int> SyncAsync(FieldSyncClient client, CancellationToken cancellationToken)
    {
        client.Progress += (_, e) => output.WriteLine(e.Phase switch
        {
            SyncPhase.Pushing => $"  pushed {e.Pushed} change(s)",
            SyncPhase.Pulling => $"  page {e.Pages}: {e.Pulled} document(s) and {e.Deleted} deletion(s) received",
            _ => $"  done: {e.Pending} change(s) still waiting",
        });
        client.Conflict += (_, e) => output.WriteLine($"  conflict on {e.Collection}/{e.DocumentId}: {e.Resolution}");
        client.Rejected += (_, e) => output.WriteLine(
            $"  refused: {e.Operation.Type} {e.Operation.Collection}/{e.Operation.DocumentId}: {e.Operation.Code} ({e.Operation.Message})");
        output.WriteLine("Syncing...");
        try
        {
            var result = await client.SyncAsync(cancellationToken);
            output.WriteLine($"Sync complete: pushed {result.Pushed} (conflicts {result.Conflicts}, duplicates {result.Duplicates}), " +
                $"rejected {result.Rejected}, pulled {result.Pulled} in {result.Pages} page(s), {result.Deleted} deletion(s).");
            output.WriteLine($"The tablet now holds {(await client.Collection("patients").ListAsync(cancellationToken)).Count} patient(s) " +
                $"and {(await client.Collection("immunization_records").ListAsync(cancellationToken)).Count} immunization record(s).");
            return 0;
        }
        catch (FieldSyncException e)
        {
            output.WriteLine($"Sync failed ({e.Code}{(e.IsTransient ? ", try again later" : "")}): {e.Message}");
            output.WriteLine("Nothing is lost: the changes stay in the outbox for the next sync.");
            return 1;
        }
    }

    private JsonObject Patient(string firstName, string lastName, string dateOfBirth, string sex) => new()
    {
        ["facility_id"] = facility,
        ["first_name"] = firstName,
        ["last_name"] = lastName,
        ["date_of_birth"] = dateOfBirth,
        ["sex"] = sex,
    };
}
