using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Core.Documents;

namespace FieldSync.Benchmarks.Data;

/// <summary>
/// A benchmark data set: patients, each followed by three immunization records, spread round-robin over facilities.
/// A quarter of the documents are patients. The same size and seed always give the same documents.
/// </summary>
internal sealed class Dataset(string name, int size, IReadOnlyList<string> facilities, int seed = 7)
{
    /// <summary>Immunization records per patient.</summary>
    public const int RecordsPerPatient = 3;

    public string Name { get; } = name;

    /// <summary>How many documents.</summary>
    public int Size { get; } = size;

    public IReadOnlyList<string> Facilities { get; } = facilities;

    /// <summary>The patient id of <paramref name="number"/>.</summary>
    public static string PatientId(int number) => "pat-" + number.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>The id of a patient's <paramref name="dose"/>-th immunization record.</summary>
    public static string RecordId(int patient, int dose) =>
        "imm-" + patient.ToString("D7", CultureInfo.InvariantCulture) + "-" + dose.ToString(CultureInfo.InvariantCulture);

    /// <summary>The facility of patient <paramref name="number"/> (and of their records).</summary>
    public string FacilityOf(int number) => Facilities[number % Facilities.Count];

    /// <summary>The documents as the server stores them, in the order they are written.</summary>
    public IEnumerable<SyncDocument> Documents(DateTimeOffset at)
    {
        var factory = new DocumentFactory(seed);
        var written = 0;
        for (var patient = 0; written < Size; patient++)
        {
            var facility = FacilityOf(patient);
            var patientId = PatientId(patient);
            yield return Stored("patients", patientId, facility, factory.Patient(facility, patient), at);
            written++;
            for (var dose = 0; dose < RecordsPerPatient && written < Size; dose++, written++)
            {
                yield return Stored("immunization_records", RecordId(patient, dose), facility,
                    factory.Immunization(facility, patientId, patient), at);
            }
        }
    }

    public static SyncDocument Stored(string collection, string id, string facility, JsonObject body, DateTimeOffset at) => new()
    {
        Collection = collection,
        Id = id,
        FacilityId = facility,
        Version = 1,
        CreatedAt = at,
        UpdatedAt = at,
        Body = body,
        FieldEdits = body.ToDictionary(f => f.Key, _ => new FieldEdit(1, at)),
    };
}
