using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Security;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;
using FieldSync.Server.Auth;

namespace FieldSync.Server.Demo;

/// <summary>
/// A small, realistic data set for a first look: two clinics, their staff, a few children and their vaccinations.
/// Written through the same engine as any push, so it obeys the configured rules. Loading into a data directory that has it already changes nothing.
/// </summary>
internal static class DemoData
{
    public static readonly SyncUser[] Users =
    [
        new("nurse-amina", UserRole.HealthWorker, ["fac-kano-001"]),
        new("nurse-chidi", UserRole.HealthWorker, ["fac-ibadan-002"]),
        new("admin-kano", UserRole.FacilityAdmin, ["fac-kano-001"]),
        new("integration", UserRole.System, []),
    ];

    private static readonly (string Id, string Name, string District)[] _facilities =
    [
        ("fac-kano-001", "Kano Municipal Primary Health Centre", "Kano Municipal"),
        ("fac-ibadan-002", "Ibadan North Primary Health Centre", "Ibadan North"),
    ];

    private static readonly (string Id, string Facility, string First, string Last, string Sex, int AgeWeeks)[] _patients =
    [
        ("pat-kano-0001", "fac-kano-001", "Amina", "Okafor", "female", 20),
        ("pat-kano-0002", "fac-kano-001", "Musa", "Abdullahi", "male", 45),
        ("pat-kano-0003", "fac-kano-001", "Zainab", "Sani", "female", 8),
        ("pat-ibadan-0001", "fac-ibadan-002", "Tunde", "Adeyemi", "male", 16),
        ("pat-ibadan-0002", "fac-ibadan-002", "Folake", "Ogunleye", "female", 70),
    ];

    private static readonly (string Patient, string Vaccine, int Dose, int AtWeeks)[] _doses =
    [
        ("pat-kano-0001", "BCG", 1, 0), ("pat-kano-0001", "OPV", 0, 0), ("pat-kano-0001", "PENTA", 1, 6),
        ("pat-kano-0001", "PENTA", 2, 10), ("pat-kano-0001", "PCV", 1, 6),
        ("pat-kano-0002", "BCG", 1, 0), ("pat-kano-0002", "PENTA", 1, 6), ("pat-kano-0002", "MR", 1, 40),
        ("pat-kano-0003", "BCG", 1, 0), ("pat-kano-0003", "ROTA", 1, 6),
        ("pat-ibadan-0001", "BCG", 1, 0), ("pat-ibadan-0001", "PENTA", 1, 6), ("pat-ibadan-0001", "IPV", 1, 14),
        ("pat-ibadan-0002", "MR", 1, 40), ("pat-ibadan-0002", "MR", 2, 66),
    ];

    public static async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISyncStore>();
        await using (var reader = await store.OpenChangeReaderAsync(cancellationToken))
        {
            if (await reader.GetAsync("patients", _patients[0].Id, cancellationToken) is not null)
            {
                return;
            }
        }

        var writer = services.GetRequiredService<DocumentWriter>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        foreach (var user in Users)
        {
            await store.SaveUserAsync(user, cancellationToken);
        }

        var seed = new SyncCaller("integration", UserRole.System, FacilityScope.All);
        foreach (var (id, name, district) in _facilities)
        {
            await WriteAsync(store, writer, seed, "facilities", id, new JsonObject
            {
                ["facility_id"] = id, ["name"] = name, ["facility_type"] = "primary_health_centre", ["district"] = district,
                ["active"] = true,
            }, cancellationToken);
        }

        foreach (var p in _patients)
        {
            var born = today.AddDays(-7 * p.AgeWeeks);
            await WriteAsync(store, writer, seed, "patients", p.Id, new JsonObject
            {
                ["facility_id"] = p.Facility, ["first_name"] = p.First, ["last_name"] = p.Last,
                ["date_of_birth"] = Date(born), ["sex"] = p.Sex, ["guardian_name"] = $"Parent of {p.First}",
            }, cancellationToken);
        }

        foreach (var d in _doses)
        {
            var patient = _patients.Single(p => p.Id == d.Patient);
            var given = today.AddDays(-7 * (patient.AgeWeeks - d.AtWeeks));
            await WriteAsync(store, writer, seed, "immunization_records", $"imm-{d.Patient}-{d.Vaccine}-{d.Dose}".ToLowerInvariant(),
                new JsonObject
                {
                    ["facility_id"] = patient.Facility, ["patient_id"] = d.Patient, ["vaccine_code"] = d.Vaccine,
                    ["dose_number"] = d.Dose, ["date_administered"] = Date(given), ["administered_by"] = "demo",
                }, cancellationToken);
        }

        await DemoActivity.PlayAsync(services, cancellationToken);
    }

    public static void PrintTokens(IServiceProvider services, string urls, TextWriter output)
    {
        var issuer = services.GetRequiredService<TokenIssuer>();
        var url = urls.Split(';')[0].TrimEnd('/');
        output.WriteLine("Demo data loaded: facilities fac-kano-001 and fac-ibadan-002, 5 patients, 15 immunization records.");
        output.WriteLine("Tokens (valid 24 hours) — paste into your shell:");
        foreach (var user in Users)
        {
            var variable = "TOKEN_" + user.Id.Replace('-', '_').ToUpperInvariant();
            output.WriteLine($"  export {variable}={issuer.Issue(user.Id, TimeSpan.FromHours(24))}   # {UserRoles.ToName(user.Role)}");
        }

        output.WriteLine("Then, for example:");
        output.WriteLine($"  curl -s -X POST {url}/v1/sync/pull -H \"Authorization: Bearer $TOKEN_NURSE_AMINA\" " +
            "-H 'Content-Type: application/json' -d '{\"deviceId\":\"tab-1\"}'");
    }

    private static async Task WriteAsync(ISyncStore store, DocumentWriter writer, SyncCaller caller, string collection, string id,
        JsonObject data, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginAsync(cancellationToken);
        var outcome = await writer.ApplyAsync(transaction,
            new WriteCommand(caller, "demo-seed", OperationType.Create, collection, id, data, null, null), cancellationToken);
        if (outcome.Status == WriteStatus.Rejected)
        {
            throw new InvalidOperationException($"Demo {collection}/{id} breaks the configuration: {outcome.Error!.Message}");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
