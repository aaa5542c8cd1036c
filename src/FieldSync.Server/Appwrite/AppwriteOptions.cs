using System.Security.Cryptography;
using System.Text;
using FieldSync.Core.Configuration;

namespace FieldSync.Server.Appwrite;

/// <summary>The Appwrite-compatible endpoint's settings, resolved once at start from the configuration and the environment.</summary>
public sealed class AppwriteOptions
{
    private readonly byte[]? _apiKey;
    private readonly Dictionary<string, string> _jobsById;

    /// <summary>Resolves the settings; <c>FIELDSYNC_APPWRITE_KEY</c> takes the place of <c>appwrite.apiKey</c> when set.</summary>
    /// <exception cref="InvalidOperationException">The environment's key is shorter than 32 characters.</exception>
    public AppwriteOptions(SyncConfiguration configuration)
    {
        ProjectId = configuration.Appwrite.ProjectId;
        var key = Environment.GetEnvironmentVariable("FIELDSYNC_APPWRITE_KEY") is { Length: > 0 } fromEnvironment
            ? fromEnvironment.Length >= 32 ? fromEnvironment
                : throw new InvalidOperationException("FIELDSYNC_APPWRITE_KEY must be at least 32 characters long; use a random string.")
            : configuration.Appwrite.ApiKey;
        _apiKey = key is null ? null : Encoding.UTF8.GetBytes(key);
        FunctionIds = FunctionJobs.IdsOf(configuration);
        _jobsById = FunctionIds.ToDictionary(j => j.Value, j => j.Key, StringComparer.Ordinal);
    }

    /// <summary>The project id callers must name.</summary>
    public string ProjectId { get; }

    /// <summary>The function id of each job.</summary>
    public IReadOnlyDictionary<string, string> FunctionIds { get; }

    /// <summary>Whether a server API key is configured at all.</summary>
    public bool HasApiKey => _apiKey is not null;

    /// <summary>The job a function id runs, or null for an unknown id.</summary>
    public string? JobOf(string functionId) => _jobsById.GetValueOrDefault(functionId);

    /// <summary>Whether <paramref name="key"/> is the configured server API key, compared in constant time.</summary>
    public bool IsApiKey(string key) =>
        _apiKey is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), _apiKey);
}
