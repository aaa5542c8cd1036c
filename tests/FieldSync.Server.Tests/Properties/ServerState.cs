using System.Globalization;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Properties;

/// <summary>What the server stored, read straight from its database (SQLite or PostgreSQL, see <see cref="StoredDatabase"/>).</summary>
internal static class ServerState
{
    /// <summary>The documents of <paramref name="facilities"/>, by key; tombstones only when asked.</summary>
    public static async Task<Dictionary<string, DeviceDocument>> DocumentsAsync(
        StoredDatabase database, IReadOnlyList<string> facilities, bool includeDeleted)
    {
        var (list, parameters) = In("f", facilities);
        var rows = await database.QueryAsync("SELECT collection, id, version, deleted, body FROM documents WHERE facility_id IN ("
            + list + ")" + (includeDeleted ? "" : " AND NOT deleted"), parameters);
        var documents = new Dictionary<string, DeviceDocument>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var document = new DeviceDocument((string)row["collection"]!, (string)row["id"]!, (long)row["version"]!,
                (long)row["deleted"]! != 0, JsonNode.Parse((string)row["body"]!)!.AsObject());
            documents[document.Key] = document;
        }

        return documents;
    }

    /// <summary>The <c>processed_operations</c> rows of the devices: (device, opId) and the stored first result.</summary>
    public static async Task<List<(string DeviceId, string OpId, JsonObject Result)>> ProcessedOperationsAsync(
        StoredDatabase database, IReadOnlyList<string> deviceIds)
    {
        var (list, parameters) = In("d", deviceIds);
        var rows = await database.QueryAsync(
            "SELECT device_id, op_id, result FROM processed_operations WHERE device_id IN (" + list + ")", parameters);
        return [.. rows.Select(row =>
            ((string)row["device_id"]!, (string)row["op_id"]!, JsonNode.Parse((string)row["result"]!)!.AsObject()))];
    }

    private static (string List, (string Name, object? Value)[] Parameters) In(string prefix, IReadOnlyList<string> values)
    {
        var parameters = values.Select((value, i) => ("@" + prefix + i.ToString(CultureInfo.InvariantCulture), (object?)value)).ToArray();
        return (parameters.Length == 0 ? "NULL" : string.Join(", ", parameters.Select(p => p.Item1)), parameters);
    }
}
