using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;
using FieldSync.Core.Storage;

namespace FieldSync.Core.Validation;

/// <summary>
/// Checks a whole document against its collection's rules. The same rules guard every write path: push, resolve and
/// validate. Reference and schedule rules read other documents through the caller's transaction or read view.
/// </summary>
public sealed class DocumentValidator(SyncConfiguration configuration, TimeProvider clock)
{
    /// <summary>The broken rules of <paramref name="body"/>; empty when it is valid.</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(
        string collection, JsonObject body, IDocumentLookup lookup, CancellationToken cancellationToken)
    {
        var config = configuration.Collections[collection];
        lookup = new MemoizedLookup(lookup);
        var errors = new List<FieldError>();
        var now = clock.GetUtcNow();
        CheckFacility(config, body, errors);
        foreach (var (field, rule) in config.Fields)
        {
            var value = body[field];
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                if (rule.Required)
                {
                    errors.Add(new(field, "required", $"{field} is required."));
                }

                continue;
            }

            var before = errors.Count;
            ValueRules.Check(field, rule, value, now, errors);
            if (errors.Count == before && rule.References is { } target)
            {
                await CheckReferenceAsync(field, target, value, body[config.FacilityField], lookup, errors, cancellationToken);
            }
        }

        if (config.Schedule is { } schedule && errors.Count == 0)
        {
            await ScheduleRules.CheckAsync(schedule, body, lookup, errors, cancellationToken);
        }

        return errors;
    }

    private static void CheckFacility(CollectionConfiguration config, JsonObject body, List<FieldError> errors)
    {
        var facility = body[config.FacilityField];
        if (facility is not JsonValue v || !v.TryGetValue<string>(out var id) || string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(config.FacilityField, "required", $"{config.FacilityField} is required and must name a facility."));
        }
    }

    // A reference must name a live document of the same facility: a record may not point into a facility the
    // writer cannot see, and the error must not reveal whether such a document exists elsewhere.
    private async Task CheckReferenceAsync(string field, string target, JsonNode value, JsonNode? facility,
        IDocumentLookup lookup, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var id = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        var referenced = await lookup.GetAsync(target, id, cancellationToken);
        var facilityId = facility is JsonValue f && f.TryGetValue<string>(out var s) ? s : null;
        if (referenced is null || referenced.Deleted || referenced.FacilityId != facilityId)
        {
            errors.Add(new(field, "references", $"{field} must name an existing {target} document of the same facility."));
        }
    }
}
