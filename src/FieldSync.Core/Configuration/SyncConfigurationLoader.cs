using System.Text.Json;
using System.Text.Json.Serialization;

namespace FieldSync.Core.Configuration;

/// <summary>Reads and checks a sync configuration file.</summary>
public static class SyncConfigurationLoader
{
    private static readonly JsonSerializerOptions _options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Reads the configuration from <paramref name="file"/> and checks it.</summary>
    /// <exception cref="ConfigurationException">The file is missing, is not valid JSON, or breaks a rule.</exception>
    public static SyncConfiguration Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new ConfigurationException(file, "$", "the file does not exist; pass --config with the path of a sync configuration");
        }

        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>Parses and checks configuration text; <paramref name="file"/> is only used in messages.</summary>
    /// <exception cref="ConfigurationException">The text is not valid JSON or breaks a rule.</exception>
    public static SyncConfiguration Parse(string json, string file)
    {
        SyncConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<SyncConfiguration>(json, _options);
        }
        catch (JsonException e)
        {
            throw new ConfigurationException(file, e.Path ?? "$", FirstSentence(e.Message));
        }

        if (configuration is null)
        {
            throw new ConfigurationException(file, "$", "the configuration is null; it must be a JSON object");
        }

        var problem = SyncConfigurationRules.FindProblem(configuration);
        if (problem is { } p)
        {
            throw new ConfigurationException(file, p.Path, p.Message);
        }

        return configuration;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
