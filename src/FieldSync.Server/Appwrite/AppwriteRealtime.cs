using System.Text.RegularExpressions;
using FieldSync.Core.Configuration;
using FieldSync.Core.Realtime;
using FieldSync.Server.Auth;
using FieldSync.Server.Realtime;
using Microsoft.AspNetCore.Authentication;

namespace FieldSync.Server.Appwrite;

/// <summary>
/// <c>/v1/realtime</c>: Appwrite Realtime over WebSocket, in the three connection styles of the web SDK (channels in the
/// URL; channels and per-slot queries in the URL; the project only, then <c>subscribe</c> messages).
/// </summary>
public static partial class AppwriteRealtime
{
    /// <summary>Accepts the socket, checks project and credentials, then runs the connection until either side closes it.</summary>
    internal static async Task<IResult> ConnectAsync(HttpContext context, AppwriteOptions options, AppwriteCredentials credentials,
        RealtimeService realtime, RealtimeHub hub, SyncConfiguration configuration, ILogger<AppwriteRealtimeConnection> logger,
        CancellationToken cancellationToken)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return AppwriteErrors.Result(400, AppwriteErrors.BadRequest,
                "Appwrite Realtime speaks WebSocket: connect with the web SDK's client.subscribe or new Realtime(client).subscribe.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new AppwriteRealtimeConnection(socket, credentials, realtime, hub, configuration, logger);
        var project = context.Request.Query["project"] is [{ Length: > 0 } named] ? named : context.Request.Headers["X-Appwrite-Project"].ToString();
        if (project != options.ProjectId)
        {
            await connection.RefuseAsync($"Missing or unknown project ID: this server's project is '{options.ProjectId}'.", cancellationToken);
            return Results.Empty;
        }

        var authentication = await context.AuthenticateAsync(AppwriteAuthentication.SchemeName);
        if (authentication.Failure is { } failure)
        {
            await connection.RefuseAsync(failure.Message, cancellationToken);
            return Results.Empty;
        }

        // A server key is no user: like a guest it hears nothing until a user authenticates.
        var caller = authentication.Succeeded && !AppwriteAuthentication.IsKey(context) ? context.GetCaller() : null;
        await connection.RunAsync(caller, UrlSubscriptions(context.Request.Query), cancellationToken);
        return Results.Empty;
    }

    // Web SDK up to 22 names channels[] only; 23 and 24 add "<channel>[<slot>][]" queries, one slot per subscription.
    private static List<RealtimeSubscription> UrlSubscriptions(IQueryCollection query)
    {
        var channels = query["channels[]"].Concat(query["channels"]).OfType<string>().Where(c => c.Length > 0).Distinct().ToList();
        var slots = new SortedDictionary<int, RealtimeSubscription>();
        foreach (var (key, values) in query)
        {
            var slot = SlotKey().Match(key);
            if (slot.Success && channels.Contains(slot.Groups["channel"].Value))
            {
                var index = int.Parse(slot.Groups["slot"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var subscription = slots.GetValueOrDefault(index) ?? new RealtimeSubscription(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                subscription.Channels.Add(slot.Groups["channel"].Value);
                subscription.Queries.AddRange(values.OfType<string>());
                slots[index] = subscription;
            }
        }

        if (slots.Count == 0 && channels.Count > 0)
        {
            var single = new RealtimeSubscription("0");
            single.Channels.UnionWith(channels);
            return [single];
        }

        return [.. slots.Values];
    }

    [GeneratedRegex(@"^(?<channel>.+)\[(?<slot>\d{1,4})\]\[\]$")]
    private static partial Regex SlotKey();
}
