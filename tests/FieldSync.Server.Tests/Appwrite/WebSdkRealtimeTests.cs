using System.Text.Json.Nodes;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The Appwrite web SDK, unmodified from npm, in Debian's headless Chromium driven by Playwright: a page of another
/// origin calls a function and subscribes to Realtime with a nurse's FieldSync token, and hears a change of the nurse's
/// facility and not one of another facility.
/// </summary>
public sealed class WebSdkRealtimeTests(AppwriteServer fixture) : IClassFixture<AppwriteServer>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Web_sdk_in_chromium_receives_a_change_of_its_facility_and_not_one_of_another()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (scripts/test.sh does, as root).");
        await using var site = StaticSite.Start(new Dictionary<string, (string, string)>
        {
            ["/"] = (Path.Combine(AppwriteJs.Folder, "page", "realtime.html"), "text/html; charset=utf-8"),
            ["/sdk.js"] = (Path.Combine(AppwriteJs.Folder, "node_modules", "appwrite", "dist", "iife", "sdk.js"), "text/javascript"),
        });
        var pageUrl = $"{site.Origin}/?endpoint={Uri.EscapeDataString(fixture.Endpoint)}&project={AppwriteServer.Project}" +
            $"&jwt={fixture.Server.TokenFor(AppwriteServer.NurseA)}&channel=databases.main.collections.patients.documents";

        var lines = await AppwriteJs.RunAsync("realtime.mjs", new { pageUrl, waitForId = "web-a", timeoutMs = 30_000 }, async line =>
        {
            if (line.Contains("\"ready\"", StringComparison.Ordinal))
            {
                // Facility B first: had its change reached the page, it would be there before facility A's.
                await fixture.CreatePatientAsync(AppwriteServer.NurseB, "web-b", "facility-b");
                await fixture.CreatePatientAsync(AppwriteServer.NurseA, "web-a", "facility-a");
            }
        });

        var page = JsonNode.Parse(lines[^1])!;
        Assert.Null((string?)page["failure"]);
        var events = page["events"]!.AsArray();
        Assert.Equal(["web-a"], events.Select(e => (string?)e!["payload"]!["$id"]));
        Assert.Equal("facility-a", (string?)events[0]!["payload"]!["facility_id"]);
        Assert.Contains("databases.*.collections.*.documents.*.create", events[0]!["events"]!.AsArray().Select(e => (string?)e));
        Assert.Equal(("completed", 200), ((string?)page["calls"]!["status"]!["status"], (int)page["calls"]!["status"]!["responseStatusCode"]!));
        Assert.NotNull(page["calls"]!["status"]!["report"]!["health"]);
        var unknown = page["calls"]!["unknown"]!["error"]!;
        Assert.Equal((404, "function_not_found"), ((int)unknown["code"]!, (string?)unknown["type"]));
    }
}
