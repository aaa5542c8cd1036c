namespace FieldSync.Server.Tests.Properties;

/// <summary>Describes how two sets of documents differ, one line per differing document, for failure messages.</summary>
internal static class DocumentDiff
{
    public static List<string> Between(
        IReadOnlyDictionary<string, DeviceDocument> expected, IReadOnlyDictionary<string, DeviceDocument> actual,
        string expectedName, string actualName)
    {
        var lines = new List<string>();
        foreach (var key in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            expected.TryGetValue(key, out var want);
            actual.TryGetValue(key, out var have);
            if (want is not null && have is not null && want.SameAs(have))
            {
                continue;
            }

            lines.Add($"  {key}: {expectedName} {Describe(want)} | {actualName} {Describe(have)}");
        }

        return lines;
    }

    private static string Describe(DeviceDocument? document) => document?.ToString() ?? "(none)";
}
