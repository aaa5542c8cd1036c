namespace FieldSync.Server.Tests.Status;

/// <summary>
/// Each role sees the figures of its scope only: a health worker their own devices, a facility admin their facilities,
/// a system user everything, filtered by device, user or facility as asked. The work counted is
/// <see cref="StatusScopeFixture"/>'s.
/// </summary>
public sealed class StatusScopeTests(StatusScopeFixture fixture) : IClassFixture<StatusScopeFixture>
{
    private static readonly string[] _figures =
    [
        "syncOperations.total", "queue.batches", "queue.operations", "conflicts.total", "deletions.total", "sessions.active",
        "notifications.pending",
    ];

    [Theory]
    //          caller       query                          pulls batches ops conflicts deletions sessions pending
    [InlineData("nurse-n1", "", new long[] { 1, 1, 2, 0, 0, 1, 4 })]
    [InlineData("nurse-n1", "userId=nurse-n1", new long[] { 1, 1, 2, 0, 0, 1, 4 })]
    [InlineData("nurse-n1", "facilityId=fac-north", new long[] { 1, 1, 2, 0, 0, 1, 4 })]
    [InlineData("nurse-n1", "deviceId=tab-n2", new long[] { 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("nurse-n2", "", new long[] { 1, 1, 2, 0, 1, 1, 4 })]
    [InlineData("nurse-s", "", new long[] { 1, 1, 5, 1, 0, 1, 4 })]
    [InlineData("admin-n", "", new long[] { 2, 2, 4, 0, 1, 2, 8 })]
    [InlineData("admin-n", "userId=nurse-s", new long[] { 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("admin-n", "deviceId=tab-s", new long[] { 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData("admin-s", "", new long[] { 1, 1, 5, 1, 0, 1, 4 })]
    [InlineData("root", "", new long[] { 3, 3, 9, 1, 1, 3, 12 })]
    [InlineData("root", "deviceId=tab-s", new long[] { 1, 1, 5, 1, 0, 1, 4 })]
    [InlineData("root", "userId=nurse-n2", new long[] { 1, 1, 2, 0, 1, 1, 4 })]
    [InlineData("root", "facilityId=fac-south", new long[] { 1, 1, 5, 1, 0, 1, 4 })]
    [InlineData("root", "facilityId=fac-north&deviceId=tab-n1", new long[] { 1, 1, 2, 0, 0, 1, 4 })]
    public async Task Each_role_sees_the_figures_of_its_scope_only(string caller, string query, long[] expected)
    {
        var report = await StatusApi.GetAsync(fixture.Client(caller), query);

        Assert.Equal(expected, StatusApi.Figures(report, _figures));
    }

    [Theory]
    [InlineData("nurse-n1", "userId=nurse-n2", 403, "forbidden_user")]
    [InlineData("nurse-n1", "facilityId=fac-south", 403, "forbidden_facility")]
    [InlineData("admin-n", "facilityId=fac-south", 403, "forbidden_facility")]
    [InlineData("admin-s", "facilityId=fac-north", 403, "forbidden_facility")]
    public async Task Asking_outside_ones_scope_is_forbidden(string caller, string query, int status, string code)
    {
        var (answered, body) = await StatusApi.TryGetAsync(fixture.Client(caller), query);

        Assert.Equal((status, code), (answered, (string?)body?["code"]));
    }

    [Theory]
    [InlineData("sinceMinutes=0", "validation_failed")]
    [InlineData("sinceMinutes=-5", "validation_failed")]
    [InlineData("sinceMinutes=527041", "validation_failed")]
    public async Task Window_out_of_range_is_refused_with_400(string query, string code)
    {
        var (status, body) = await StatusApi.TryGetAsync(fixture.Client("root"), query);

        Assert.Equal((400, code), (status, (string?)body?["code"]));
        Assert.Equal("sinceMinutes", (string?)body!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Window_that_is_not_a_number_is_refused_with_400()
    {
        var (status, body) = await StatusApi.TryGetAsync(fixture.Client("root"), "sinceMinutes=abc");

        Assert.Equal((400, 400), (status, (int?)body?["status"]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(527040)]
    public async Task Window_at_the_limits_is_accepted(int minutes)
    {
        var report = await StatusApi.GetAsync(fixture.Client("root"), $"sinceMinutes={minutes}");

        var window = report["window"]!;
        Assert.Equal(TimeSpan.FromMinutes(minutes), window["to"]!.GetValue<DateTimeOffset>() - window["from"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Request_without_a_token_is_refused_with_401()
    {
        var (status, _) = await StatusApi.TryGetAsync(fixture.Server.Client(null), "");

        Assert.Equal(401, status);
    }
}
