using System.Text.Json.Nodes;

namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>Patients that satisfy the shipped configuration's rules.</summary>
public static class Patients
{
    /// <summary>A valid patient of <paramref name="facility"/>.</summary>
    public static JsonObject New(string facility, string firstName = "Amina", string lastName = "Okafor") => new()
    {
        ["facility_id"] = facility,
        ["first_name"] = firstName,
        ["last_name"] = lastName,
        ["date_of_birth"] = "2023-05-01",
        ["sex"] = "female",
    };

    /// <summary>A copy of <paramref name="document"/>'s data with one field set (or removed, when <paramref name="value"/> is null).</summary>
    public static JsonObject With(JsonObject document, string field, JsonNode? value)
    {
        var copy = new JsonObject();
        foreach (var (name, v) in document)
        {
            if (!name.StartsWith('$'))
            {
                copy[name] = v?.DeepClone();
            }
        }

        if (value is null)
        {
            copy.Remove(field);
        }
        else
        {
            copy[field] = value.DeepClone();
        }

        return copy;
    }
}
