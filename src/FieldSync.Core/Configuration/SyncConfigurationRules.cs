using System.Text.RegularExpressions;

namespace FieldSync.Core.Configuration;

/// <summary>The rules a parsed configuration must keep beyond its JSON shape.</summary>
internal static class SyncConfigurationRules
{
    internal readonly record struct Problem(string Path, string Message);

    public static Problem? FindProblem(SyncConfiguration c)
    {
        if (c.Collections.Count == 0)
        {
            return new("$.collections", "at least one collection is required");
        }

        foreach (var (name, collection) in c.Collections)
        {
            if (FindCollectionProblem(c, name, collection) is { } p)
            {
                return p;
            }
        }

        return FindLimitProblem(c) ?? FindAppwriteProblem(c);
    }

    private static Problem? FindCollectionProblem(SyncConfiguration c, string name, CollectionConfiguration collection)
    {
        var at = $"$.collections.{name}";
        if (!Regex.IsMatch(name, "^[a-z][a-z0-9_]{0,62}$"))
        {
            return new(at, "a collection name must be lower-case letters, digits and underscores, starting with a letter");
        }

        if (string.IsNullOrWhiteSpace(collection.FacilityField) || collection.FacilityField.StartsWith('$'))
        {
            return new($"{at}.facilityField", "must name a data field (not empty, not starting with $)");
        }

        foreach (var (field, rule) in collection.Fields)
        {
            if (FindFieldProblem(c, $"{at}.fields.{field}", field, rule) is { } p)
            {
                return p;
            }
        }

        if (collection.Schedule is { } schedule && !c.Collections.ContainsKey(schedule.PatientCollection))
        {
            return new($"{at}.schedule.patientCollection", $"names the collection '{schedule.PatientCollection}', which is not configured");
        }

        return null;
    }

    private static Problem? FindFieldProblem(SyncConfiguration c, string at, string field, FieldRule rule)
    {
        if (field.StartsWith('$'))
        {
            return new(at, "fields starting with $ belong to the server and cannot carry rules");
        }

        if (rule.Min > rule.Max)
        {
            return new($"{at}.min", "min is greater than max");
        }

        if (rule.MinLength > rule.MaxLength || rule.MinLength < 0)
        {
            return new($"{at}.minLength", "minLength must be at least 0 and at most maxLength");
        }

        if (rule.Pattern is { } pattern && !IsRegex(pattern))
        {
            return new($"{at}.pattern", $"'{pattern}' is not a valid regular expression");
        }

        if (rule.References is { } target && !c.Collections.ContainsKey(target))
        {
            return new($"{at}.references", $"names the collection '{target}', which is not configured");
        }

        return null;
    }

    private static Problem? FindLimitProblem(SyncConfiguration c)
    {
        if (c.Pull.DefaultPageLimit < 1 || c.Pull.MaxPageLimit < c.Pull.DefaultPageLimit)
        {
            return new("$.pull", "defaultPageLimit must be at least 1 and at most maxPageLimit");
        }

        if (c.Pull.MaxPages < 1)
        {
            return new("$.pull.maxPages", "must be at least 1");
        }

        if (c.Push.MaxOperationsPerBatch < 1)
        {
            return new("$.push.maxOperationsPerBatch", "must be at least 1");
        }

        if (c.Requests.MaxBodyBytes < 1024 || c.Requests.PerUserPerMinute < 1 || c.Requests.MaxValidateDocuments < 1)
        {
            return new("$.requests", "maxBodyBytes must be at least 1024 and the other limits at least 1");
        }

        if (c.Realtime.HeartbeatWindowSeconds < 1 || c.Retention.LogRetentionDays < 1 || c.MaxClockSkewSeconds < 0)
        {
            return new("$", "heartbeatWindowSeconds and logRetentionDays must be at least 1, maxClockSkewSeconds at least 0");
        }

        return null;
    }

    // Appwrite ids: at most 36 characters of a-z A-Z 0-9 . _ -, not starting with a special character.
    private static Problem? FindAppwriteProblem(SyncConfiguration c)
    {
        const string IdRule = "must be 1 to 36 letters, digits, '.', '_' or '-', starting with a letter or digit";
        foreach (var (job, id) in c.FunctionIds)
        {
            if (!FunctionJobs.Defaults.ContainsKey(job))
            {
                return new($"$.functionIds.{job}", $"is not a job; the jobs are {string.Join(", ", FunctionJobs.Defaults.Keys)}");
            }

            if (!IsAppwriteId(id))
            {
                return new($"$.functionIds.{job}", IdRule);
            }
        }

        var shared = FunctionJobs.IdsOf(c).GroupBy(j => j.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
        {
            return new("$.functionIds", $"'{shared.Key}' names more than one job ({string.Join(", ", shared.Select(j => j.Key))})");
        }

        if (!IsAppwriteId(c.Appwrite.ProjectId))
        {
            return new("$.appwrite.projectId", IdRule);
        }

        return c.Appwrite.ApiKey is { } key && (key.Length < 32 || key.Any(char.IsWhiteSpace))
            ? new("$.appwrite.apiKey", "must be at least 32 characters without spaces (or left out for no key)")
            : null;
    }

    private static bool IsAppwriteId(string? id) => id is not null && Regex.IsMatch(id, "^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$");

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
