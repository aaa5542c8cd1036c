using System.Diagnostics;
using System.Net;
using FieldSync.Benchmarks.Wire;
using FieldSync.Client;

namespace FieldSync.Benchmarks.Roles;

/// <summary>
/// <c>client-sync URL TOKEN DB DEVICE PAGELIMIT</c>: a device's first sync with the real client SDK into a fresh local
/// file, in a process of its own so that its peak memory is the SDK's. Connections are counted on the wire.
/// </summary>
internal static class ClientSyncRole
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (url, token, database, device, pageLimit) = (args[0], args[1], args[2], args[3], int.Parse(args[4],
            System.Globalization.CultureInfo.InvariantCulture));
        var counter = new WireCounter();
        using var handler = counter.Handler(DecompressionMethods.All);
        var options = new FieldSyncClientOptions
        {
            ServerUrl = new Uri(url),
            DeviceId = device,
            DatabasePath = database,
            AccessToken = () => token,
            PageLimit = pageLimit,
            HttpMessageHandler = handler,
            MaxRetryAttempts = 0,
        };
        await using var client = new FieldSyncClient(options);
        var watch = Stopwatch.StartNew();
        var result = await client.SyncAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(new ChildResult(result.Pulled, seconds, ChildResult.OwnPeak(), counter.Received).ToJson());
        return 0;
    }
}
