using System.Text;
using CsCheck;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// DESIGN.md invariants 1, 5 and 6 as a property: devices of two facilities (one user a member of both) edit offline,
/// push and pull in random order; once every device has pushed and pulled to completion, each holds exactly the
/// server's documents of its facilities, at their newest versions, and never received one of another facility.
/// </summary>
public sealed class ConvergenceProperties(PropertyServer fixture) : IClassFixture<PropertyServer>
{
    private static readonly Gen<ScenarioStep> _step =
        from device in Gen.Int[0, 3]
        from action in Gen.FrequencyConst(
            (2, DeviceAction.Create), (10, DeviceAction.Update), (1, DeviceAction.Delete), (5, DeviceAction.Push), (5, DeviceAction.Pull))
        from pick in Gen.Int[0, 99]
        from values in Gen.Int[0, 31]
        select new ScenarioStep(device, action, pick, values);

    private static readonly Gen<ScenarioStep> _stepWithMoves =
        Gen.Frequency((9, _step), (1, from pick in Gen.Int[0, 99] select new ScenarioStep(2, DeviceAction.Move, pick, 0)));

    [Fact]
    public Task Devices_converge_on_the_server_documents_of_their_facilities_whatever_the_interleaving() =>
        Gen.Select(Gen.Int[3, 4], Gen.Int[0, 6], _step.Array[10, 100])
            .SampleAsync(RunAsync, iter: 30, threads: 4, print: Print);

    // A device of the facility a document left must hear of it as a deletion, or it keeps a stale copy for ever.
    [Fact]
    public Task Devices_converge_when_a_member_of_both_facilities_moves_documents_between_them() =>
        Gen.Select(Gen.Int[3, 4], Gen.Int[0, 6], _stepWithMoves.Array[10, 100])
            .SampleAsync(RunAsync, iter: 30, threads: 4, print: Print);

    // The member of both facilities first shares a few documents, so that devices soon edit the same ones.
    private async Task RunAsync(int deviceCount, int shared, ScenarioStep[] steps)
    {
        var scenario = fixture.NextScenario("cv");
        string[] facilityA = [scenario + "-fac-a"], facilityB = [scenario + "-fac-b"], both = [.. facilityA, .. facilityB];
        var userA = await fixture.ClientForNewUserAsync(scenario + "-user-a", facilityA);
        var userB = await fixture.ClientForNewUserAsync(scenario + "-user-b", facilityB);
        var userBoth = await fixture.ClientForNewUserAsync(scenario + "-user-ab", both);
        List<SimulatedDevice> devices =
        [
            new(scenario + "-tab0", userA, facilityA),
            new(scenario + "-tab1", userB, facilityB),
            new(scenario + "-tab2", userBoth, both),
        ];
        if (deviceCount == 4)
        {
            devices.Add(new(scenario + "-tab3", userA, facilityA));
        }

        for (var i = 0; i < shared; i++)
        {
            devices[2].EditOffline(DeviceAction.Create, i * 5, 7);
        }

        await devices[2].PushAsync(10);
        foreach (var step in steps)
        {
            var device = devices[step.Device % devices.Count];
            await (step.Action switch
            {
                DeviceAction.Push => device.PushAsync(1 + (step.Pick % 5)),
                DeviceAction.Pull => device.PullAsync(1 + (step.Pick % 7)),
                _ => Edit(device, step),
            });
        }

        for (var round = 0; round < 2; round++)
        {
            foreach (var device in devices)
            {
                await device.PushAsync(10);
            }

            foreach (var device in devices)
            {
                await device.PullAsync(25);
            }
        }

        var server = await ServerState.DocumentsAsync(fixture.Server.Database, both, includeDeleted: false);
        var problems = new StringBuilder();
        foreach (var device in devices)
        {
            var visible = server.Values.Where(d => device.Facilities.Contains(d.FacilityId)).ToDictionary(d => d.Key);
            var diff = DocumentDiff.Between(visible, device.Documents, "server", "device");
            var strays = device.Documents.Values.Where(d => !device.Facilities.Contains(d.FacilityId)).Select(d => $"  holds {d.Key} {d}");
            var lines = diff.Concat(strays).Concat(device.Anomalies.Select(a => "  " + a)).ToList();
            if (device.Pending > 0)
            {
                lines.Add($"  still has {device.Pending} queued operation(s) after pushing");
            }

            if (lines.Count > 0)
            {
                problems.AppendLine($"{device.Id} [{string.Join(", ", device.Facilities)}] differs from the server:");
                lines.ForEach(l => problems.AppendLine(l));
            }
        }

        if (problems.Length > 0)
        {
            Assert.Fail(problems.ToString());
        }
    }

    private static Task Edit(SimulatedDevice device, ScenarioStep step)
    {
        device.EditOffline(step.Action, step.Pick, step.Values);
        return Task.CompletedTask;
    }

    private static string Print((int DeviceCount, int Shared, ScenarioStep[] Steps) scenario) =>
        $"{scenario.DeviceCount} devices, {scenario.Shared} shared documents: {string.Join(' ', scenario.Steps)}";
}
