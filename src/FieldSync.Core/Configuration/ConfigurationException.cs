namespace FieldSync.Core.Configuration;

/// <summary>A configuration file that cannot be used: names the file, the JSON path inside it and what is wrong.</summary>
public sealed class ConfigurationException(string file, string path, string problem)
    : Exception($"{file}: {path}: {problem}")
{
    /// <summary>The configuration file.</summary>
    public string File { get; } = file;

    /// <summary>The JSON path inside the file, e.g. <c>$.collections.patients.conflictStrategy</c>.</summary>
    public string JsonPath { get; } = path;

    /// <summary>What is wrong there.</summary>
    public string Problem { get; } = problem;
}
