using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Core.Configuration;
using FieldSync.Core.Errors;

namespace FieldSync.Core.Validation;

/// <summary>The rules of one field that need nothing but the value itself.</summary>
internal static class ValueRules
{
    public static void Check(string field, FieldRule rule, JsonNode value, DateTimeOffset now, List<FieldError> errors)
    {
        if (!HasType(value, rule.Type))
        {
            errors.Add(new(field, "type", $"{field} must be of type {TypeName(rule.Type)}."));
            return;
        }

        if (rule.Enum is { Count: > 0 } allowed && (value.GetValueKind() != JsonValueKind.String || !allowed.Contains(value.GetValue<string>())))
        {
            errors.Add(new(field, "enum", $"{field} must be one of: {string.Join(", ", allowed)}."));
        }

        if (value.GetValueKind() == JsonValueKind.Number)
        {
            CheckNumber(field, rule, NumberOf(value), errors);
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            CheckString(field, rule, value.GetValue<string>(), now, errors);
        }
    }

    public static bool TryParseDate(JsonNode? value, out DateOnly date)
    {
        date = default;
        return value is JsonValue v && v.TryGetValue<string>(out var s)
            && IsoDate.TryParse(s, out date);
    }

    private static void CheckNumber(string field, FieldRule rule, double number, List<FieldError> errors)
    {
        if (rule.Min is { } min && number < min)
        {
            errors.Add(new(field, "min", $"{field} must be at least {min.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (rule.Max is { } max && number > max)
        {
            errors.Add(new(field, "max", $"{field} must be at most {max.ToString(CultureInfo.InvariantCulture)}."));
        }
    }

    private static void CheckString(string field, FieldRule rule, string text, DateTimeOffset now, List<FieldError> errors)
    {
        if (rule.MinLength is { } minLength && text.Length < minLength)
        {
            errors.Add(new(field, "minLength", $"{field} must be at least {minLength} characters long."));
        }

        if (rule.MaxLength is { } maxLength && text.Length > maxLength)
        {
            errors.Add(new(field, "maxLength", $"{field} must be at most {maxLength} characters long."));
        }

        if (rule.Pattern is { } pattern && !FieldPatterns.MatchesWhole(text, pattern))
        {
            errors.Add(new(field, "pattern", $"{field} must match the pattern {pattern}."));
        }

        if (rule.NotInFuture && IsInFuture(text, now))
        {
            errors.Add(new(field, "notInFuture", $"{field} must not lie in the future."));
        }
    }

    // A clinic may be up to 14 hours ahead of UTC, so "today" there can be the server's tomorrow.
    private static bool IsInFuture(string text, DateTimeOffset now) =>
        IsoDate.TryParse(text, out var date)
            ? date > DateOnly.FromDateTime(now.UtcDateTime.AddHours(14))
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && time > now.AddMinutes(5);

    private static bool HasType(JsonNode value, FieldType type)
    {
        var kind = value.GetValueKind();
        return type switch
        {
            FieldType.Any => true,
            FieldType.String => kind == JsonValueKind.String,
            FieldType.Integer => kind == JsonValueKind.Number && IsWhole(value),
            FieldType.Number => kind == JsonValueKind.Number,
            FieldType.Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            FieldType.Date => TryParseDate(value, out _),
            FieldType.Datetime => kind == JsonValueKind.String && IsDateTime(value.GetValue<string>()),
            FieldType.Object => kind == JsonValueKind.Object,
            FieldType.Array => kind == JsonValueKind.Array,
            _ => false,
        };
    }

    // A value parsed from JSON reads its number straight from the element; the JSON text is the fallback, for numbers a
    // decimal cannot hold and for nodes built in code, which hold a CLR type (int, long, double) instead.
    private static bool IsWhole(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<JsonElement>(out var element) && element.TryGetDecimal(out var exact)
            ? decimal.Truncate(exact) == exact
            : decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d;

    public static double NumberOf(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<JsonElement>(out var element) && element.TryGetDouble(out var number)
            ? number
            : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    // A time without Z or an offset would be read in the server's zone: devices in other zones would be hours off.
    private static bool IsDateTime(string text) => text.Contains('T', StringComparison.Ordinal)
        && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
        && time.Kind != DateTimeKind.Unspecified;

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Date => "date (yyyy-MM-dd)",
        FieldType.Datetime => "datetime (ISO 8601 with offset)",
        _ => type.ToString().ToLowerInvariant(),
    };
}
