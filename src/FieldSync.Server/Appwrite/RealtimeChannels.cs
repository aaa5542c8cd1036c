using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FieldSync.Core.Contracts;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// Appwrite Realtime's names for a document change: which subscribed channels it matches (<c>documents</c>,
/// <c>databases.&lt;db&gt;.collections.&lt;collection&gt;.documents[.&lt;id&gt;]</c>, their <c>.&lt;action&gt;</c> forms and the
/// TablesDB mirrors), and the <c>events</c> and <c>channels</c> of the event frame. Any database id matches: FieldSync has
/// one, and the front end keeps naming the one it had.
/// </summary>
public static partial class RealtimeChannels
{
    /// <summary>The database id used in names when the subscription named none (e.g. <c>documents</c>).</summary>
    public const string DefaultDatabase = "default";

    /// <summary>Whether <paramref name="channel"/> asks for <paramref name="change"/>; <paramref name="database"/> is the id it names.</summary>
    public static bool Matches(string channel, NotificationMessage change, out string database)
    {
        database = DefaultDatabase;
        var all = All().Match(channel);
        if (all.Success)
        {
            return !all.Groups["action"].Success || all.Groups["action"].Value == change.Action;
        }

        var scoped = Scoped().Match(channel);
        if (!scoped.Success || scoped.Groups["collection"].Value != change.Collection)
        {
            return false;
        }

        database = scoped.Groups["database"].Value;
        var (id, action) = (scoped.Groups["id"], scoped.Groups["action"]);
        // "….documents.update" names an action, not a document called "update".
        if (id.Success && !action.Success && id.Value is "create" or "update" or "delete")
        {
            return id.Value == change.Action;
        }

        return (!id.Success || id.Value == change.DocumentId) && (!action.Success || action.Value == change.Action);
    }

    /// <summary>The channels Appwrite publishes a document change on, for the database ids the subscriptions named.</summary>
    public static JsonArray ChannelsOf(NotificationMessage change, IEnumerable<string> databases)
    {
        var (c, id, a) = (change.Collection, change.DocumentId, change.Action);
        var names = new List<string> { "documents", $"documents.{a}", "rows", $"rows.{a}" };
        foreach (var db in databases.Distinct(StringComparer.Ordinal))
        {
            foreach (var prefix in new[] { $"databases.{db}.collections.{c}.documents", $"databases.{db}.tables.{c}.rows", $"tablesdb.{db}.tables.{c}.rows" })
            {
                names.AddRange([prefix, $"{prefix}.{a}", $"{prefix}.{id}", $"{prefix}.{id}.{a}"]);
            }
        }

        return new JsonArray([.. names.Select(n => (JsonNode)n)]);
    }

    /// <summary>The event names of a change: the concrete one, with ids replaced by <c>*</c>, with and without the action, and their prefixes.</summary>
    public static JsonArray EventsOf(NotificationMessage change, string database)
    {
        var (c, id, a) = (change.Collection, change.DocumentId, change.Action);
        string[] names =
        [
            $"databases.{database}.collections.{c}.documents.{id}.{a}", $"databases.{database}.collections.{c}.documents.{id}",
            $"databases.{database}.collections.{c}.documents.*.{a}", $"databases.{database}.collections.{c}.documents.*",
            $"databases.{database}.collections.{c}", $"databases.{database}.collections.*", $"databases.{database}",
            $"databases.*.collections.*.documents.*.{a}", "databases.*.collections.*.documents.*", "databases.*.collections.*", "databases.*",
        ];
        return new JsonArray([.. names.Select(n => (JsonNode)n)]);
    }

    [GeneratedRegex(@"^(?:documents|rows)(?:\.(?<action>create|update|delete))?$")]
    private static partial Regex All();

    [GeneratedRegex(@"^(?:databases|tablesdb)\.(?<database>[^.]+)\.(?:collections|tables)\.(?<collection>[^.]+)\.(?:documents|rows)(?:\.(?<id>[^.]+))?(?:\.(?<action>create|update|delete))?$")]
    private static partial Regex Scoped();
}
