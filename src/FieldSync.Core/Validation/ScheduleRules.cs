using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Validation;

/// <summary>Checks an immunization record against the vaccine schedule of the configuration.</summary>
internal static class ScheduleRules
{
    public static async Task CheckAsync(ScheduleRule schedule, JsonObject body, IDocumentLookup lookup,
        List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (body[schedule.VaccineField] is not JsonValue codeValue || !codeValue.TryGetValue<string>(out var code))
        {
            return;
        }

        if (!schedule.Vaccines.TryGetValue(code, out var vaccine))
        {
            errors.Add(new(schedule.VaccineField, "schedule.vaccine",
                $"{schedule.VaccineField} '{code}' is not a vaccine of the schedule ({string.Join(", ", schedule.Vaccines.Keys)})."));
            return;
        }

        if (body[schedule.DoseField] is JsonValue doseValue && doseValue.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var dose = ValueRules.NumberOf(doseValue);
            var last = vaccine.FirstDoseNumber + vaccine.Doses - 1;
            if (dose < vaccine.FirstDoseNumber || dose > last)
            {
                errors.Add(new(schedule.DoseField, "schedule.doses",
                    $"{schedule.DoseField} of {code} must be between {vaccine.FirstDoseNumber} and {last}."));
            }
        }

        await CheckAgeAsync(schedule, vaccine, code, body, lookup, errors, cancellationToken);
    }

    private static async Task CheckAgeAsync(ScheduleRule schedule, VaccineSchedule vaccine, string code, JsonObject body,
        IDocumentLookup lookup, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (!ValueRules.TryParseDate(body[schedule.DateField], out var given)
            || body[schedule.PatientField] is not JsonValue p || !p.TryGetValue<string>(out var patientId))
        {
            return;
        }

        var patient = await lookup.GetAsync(schedule.PatientCollection, patientId, cancellationToken);
        if (patient is null || patient.Deleted || !ValueRules.TryParseDate(patient.Body[schedule.BirthDateField], out var born))
        {
            return;
        }

        if (given < born)
        {
            errors.Add(new(schedule.DateField, "schedule.beforeBirth", $"{schedule.DateField} lies before the patient's date of birth."));
        }
        else if (given < born.AddDays(7 * vaccine.FirstDoseMinAgeWeeks))
        {
            errors.Add(new(schedule.DateField, "schedule.minAge",
                $"{code} may not be given before the age of {vaccine.FirstDoseMinAgeWeeks} weeks."));
        }
    }
}
