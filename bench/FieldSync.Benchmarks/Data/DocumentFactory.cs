using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FieldSync.Benchmarks.Data;

/// <summary>
/// Makes the benchmark's records: patients and immunization records of about 1 KB with the fields a clinic really
/// keeps, valid under the shipped configuration. Free text is drawn from a clinical vocabulary (not random letters),
/// so compression sees text like a real register's. The same seed always gives the same records.
/// </summary>
internal sealed class DocumentFactory(int seed)
{
    private static readonly string[] _firstNames =
    [
        "Amina", "Chidi", "Hauwa", "Ngozi", "Ibrahim", "Fatima", "Emeka", "Zainab", "Tunde", "Aisha", "Bola", "Musa", "Halima",
        "Ifeanyi", "Kemi", "Sani", "Yetunde", "Usman", "Chiamaka", "Abdullahi", "Folake", "Bello", "Nneka", "Garba", "Adaeze",
    ];

    private static readonly string[] _lastNames =
    [
        "Okafor", "Bello", "Adeyemi", "Abubakar", "Eze", "Mohammed", "Okonkwo", "Yusuf", "Balogun", "Danjuma", "Nwosu", "Ibrahim",
        "Olawale", "Suleiman", "Chukwu", "Lawal", "Obi", "Aliyu", "Ogunleye", "Umar",
    ];

    private static readonly string[] _villages =
    [
        "Gwale", "Dala", "Fagge", "Tarauni", "Nassarawa", "Kumbotso", "Ungogo", "Dawakin Kudu", "Gezawa", "Minjibir", "Bichi", "Rano",
    ];

    // Note templates with slots filled per record, so that free text varies the way a register's does.
    private static readonly string[] _notes =
    [
        "Child well, no fever at time of visit; temperature {t} C.",
        "{n} counselled on the next appointment on {d} and on possible mild fever.",
        "Weight {w} kg recorded on the growth chart; within normal range for age.",
        "Previous dose card seen and verified by {n}.",
        "Slight swelling at the injection site reported after the visit of {d}, resolved.",
        "Vitamin A given during the same session at {v}.",
        "Caregiver {n} reminded to bring the child health card next time.",
        "Outreach session at {v} community hall, {k} children seen.",
        "Cold chain checked at {v}; vial monitor stage {s}, fridge at {t} C.",
        "Child referred for nutrition screening; MUAC {m} cm.",
        "Family moved from {v} ward in {d}; records transferred by {n}.",
        "Defaulter traced by community volunteer {n} after {k} days.",
        "No adverse event following immunization observed during the {k} minute wait.",
        "Twin sibling vaccinated in the same session by {n}.",
        "Mother reports a measles-like rash about {k} weeks before {d}.",
        "Dose given late because of a stock-out at {v} until {d}.",
        "Phone reminder sent to {p} on {d}.",
        "Household of {k} persons; two other children under five, both up to date.",
    ];

    private static readonly string[] _vaccines = ["BCG", "HEPB0", "OPV", "PENTA", "PCV", "ROTA", "IPV", "MR", "YF", "MENA", "TCV"];
    private static readonly string[] _sites = ["left_arm", "right_arm", "left_thigh", "right_thigh", "oral"];
    private static readonly DateOnly _firstBirth = new(2016, 1, 1);

    private readonly Random _random = new(seed);

    /// <summary>A patient of <paramref name="facility"/>, born between 2016 and mid-2024.</summary>
    public JsonObject Patient(string facility, int number)
    {
        var sex = _random.Next(2) == 0 ? "female" : "male";
        var guardian = Pick(_firstNames) + " " + Pick(_lastNames);
        return new JsonObject
        {
            ["facility_id"] = facility,
            ["first_name"] = Pick(_firstNames),
            ["last_name"] = Pick(_lastNames),
            ["date_of_birth"] = BirthDate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["sex"] = sex,
            ["phone"] = Phone(),
            ["guardian_name"] = guardian,
            ["guardian_phone"] = Phone(),
            ["national_id"] = "NIN-" + _random.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture),
            ["address"] = new JsonObject
            {
                ["village"] = Pick(_villages),
                ["ward"] = Pick(_villages) + " ward " + _random.Next(1, 12).ToString(CultureInfo.InvariantCulture),
                ["lga"] = "Kano Municipal",
                ["state"] = "Kano",
                ["landmark"] = "Near the " + Pick(["mosque", "market", "primary school", "borehole", "church"]),
            },
            ["registered_by"] = "nurse-" + _random.Next(1, 40).ToString(CultureInfo.InvariantCulture),
            ["allergies"] = new JsonArray(),
            ["notes"] = Notes(5),
        };
    }

    /// <summary>An immunization record of a patient made by <see cref="Patient"/> with the same number.</summary>
    public JsonObject Immunization(string facility, string patientId, int patientNumber)
    {
        var born = BirthDate(patientNumber);
        var given = born.AddDays(7 * 40 + _random.Next(0, 200));
        var vaccine = Pick(_vaccines);
        return new JsonObject
        {
            ["facility_id"] = facility,
            ["patient_id"] = patientId,
            ["vaccine_code"] = vaccine,
            ["dose_number"] = vaccine == "OPV" ? _random.Next(0, 4) : 1,
            ["date_administered"] = given.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["batch_number"] = "B" + _random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture) + "-" + Pick(["A", "B", "C"]),
            ["administered_by"] = Pick(_firstNames) + " " + Pick(_lastNames),
            ["site"] = vaccine is "OPV" or "ROTA" ? "oral" : Pick(_sites),
            ["next_due_date"] = given.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["session_type"] = Pick(["fixed", "outreach", "mobile"]),
            ["weight_kg"] = Math.Round(6 + _random.NextDouble() * 10, 1),
            ["notes"] = Notes(6),
        };
    }

    /// <summary>A few sentences of clinical notes, their names, places, dates and numbers drawn per record.</summary>
    public string Notes(int sentences)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            var sentence = Pick(_notes)
                .Replace("{n}", Pick(_firstNames) + " " + Pick(_lastNames), StringComparison.Ordinal)
                .Replace("{v}", Pick(_villages), StringComparison.Ordinal)
                .Replace("{d}", _firstBirth.AddDays(_random.Next(3100)).ToString("d MMM yyyy", CultureInfo.InvariantCulture),
                    StringComparison.Ordinal)
                .Replace("{t}", (36 + _random.NextDouble() * 2.5).ToString("0.0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{w}", (3 + _random.NextDouble() * 15).ToString("0.0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{m}", (11 + _random.NextDouble() * 4).ToString("0.0", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{k}", _random.Next(2, 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{s}", _random.Next(1, 3).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{p}", Phone(), StringComparison.Ordinal);
            text.Append(i == 0 ? "" : " ").Append(sentence);
        }

        return text.ToString();
    }

    /// <summary>A phone number that the configuration's pattern accepts.</summary>
    public string Phone() => "+234 80" + _random.Next(3, 10).ToString(CultureInfo.InvariantCulture) + " "
        + _random.Next(100, 1000).ToString(CultureInfo.InvariantCulture) + " "
        + _random.Next(1000, 10000).ToString(CultureInfo.InvariantCulture);

    private static DateOnly BirthDate(int number) => _firstBirth.AddDays(number * 7919 % 3100);

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
