namespace FieldSync.Core.Configuration;

/// <summary>
/// Checks an immunization record against the vaccine schedule: the dose number lies within the vaccine's doses and
/// the dose is not given before the vaccine's earliest age (read from the referenced patient's date of birth).
/// </summary>
public sealed class ScheduleRule
{
    /// <summary>The field holding the vaccine code. Default: <c>vaccine_code</c>.</summary>
    public string VaccineField { get; init; } = "vaccine_code";

    /// <summary>The field holding the dose number. Default: <c>dose_number</c>.</summary>
    public string DoseField { get; init; } = "dose_number";

    /// <summary>The field holding the date the dose was given. Default: <c>date_administered</c>.</summary>
    public string DateField { get; init; } = "date_administered";

    /// <summary>The field naming the patient document. Default: <c>patient_id</c>.</summary>
    public string PatientField { get; init; } = "patient_id";

    /// <summary>The patients collection. Default: <c>patients</c>.</summary>
    public string PatientCollection { get; init; } = "patients";

    /// <summary>The patient field holding the date of birth. Default: <c>date_of_birth</c>.</summary>
    public string BirthDateField { get; init; } = "date_of_birth";

    /// <summary>The vaccines of the schedule, by code.</summary>
    public IReadOnlyDictionary<string, VaccineSchedule> Vaccines { get; init; } = new Dictionary<string, VaccineSchedule>();
}
