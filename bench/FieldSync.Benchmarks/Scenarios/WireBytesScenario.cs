using System.Net;
using FieldSync.Benchmarks.Data;
using FieldSync.Benchmarks.Hosting;
using FieldSync.Benchmarks.Results;
using FieldSync.Benchmarks.Wire;

namespace FieldSync.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: bytes received on the wire (status lines, headers, chunk framing and bodies, counted on the socket) for
/// the first sync of scenario 1, in the SDK's pages of 500, per document: plain JSON, gzip and brotli by HTTP content
/// negotiation, and the original functions' <c>compress: true</c> gzip+base64 wrapper. Baseline: the plain JSON.
/// </summary>
internal static class WireBytesScenario
{
    public const string Name = "wire";

    public static async Task RunAsync(BenchContext context)
    {
        var data = await context.FacilityDataAsync();
        var expected = context.Options.FacilityDocuments;
        await using var server = await FieldSyncServer.StartAsync(data, context.ConfigFile);
        // Each variant pulls as another nurse: the rate limit is per user, and four first syncs in pages of 500 exceed it.
        var raw = await BytesPerDocumentAsync(server, data, DecompressionMethods.None, compress: false, expected, 2);
        const string Baseline = "plain JSON, no compression";
        var brotli = context.Report.Add(new Figure(Name, "bytes per document, brotli (what the SDK asks for)",
            await BytesPerDocumentAsync(server, data, DecompressionMethods.Brotli, compress: false, expected, 3), "bytes", Baseline, raw));
        var gzip = context.Report.Add(new Figure(Name, "bytes per document, gzip",
            await BytesPerDocumentAsync(server, data, DecompressionMethods.GZip, compress: false, expected, 4), "bytes", Baseline, raw));
        context.Report.Add(new Figure(Name, "bytes per document, compress:true (gzip+base64 in JSON)",
            await BytesPerDocumentAsync(server, data, DecompressionMethods.None, compress: true, expected, 5), "bytes", Baseline, raw));
        if (context.SdkWireBytes is { } sdk)
        {
            context.Report.Add(new Figure(Name, "bytes per document, SDK first sync as run in scenario 1", sdk / (double)expected, "bytes",
                Baseline, raw));
        }

        context.Report.Check(Name, "compressed bytes per document <= 1/3 of raw JSON",
            $"brotli {brotli.Ratio:0.###}, gzip {gzip.Ratio:0.###}", brotli.Ratio <= 1.0 / 3 && gzip.Ratio <= 1.0 / 3);
    }

    private static async Task<double> BytesPerDocumentAsync(FieldSyncServer server, string data, DecompressionMethods encoding,
        bool compress, int expected, int nurse)
    {
        var counter = new WireCounter();
        using var http = new HttpClient(counter.Handler(encoding)) { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Seeder.TokenFor(data, BenchContext.Nurse(nurse)));
        var tally = await new PullClient(http, "tab-wire").PullAllAsync(FirstSyncScenario.PageLimit, 1, compress, null,
            CancellationToken.None);
        return tally.Documents == expected
            ? counter.Received / (double)expected
            : throw new InvalidOperationException($"The pull returned {tally.Documents} documents, not {expected}.");
    }
}
