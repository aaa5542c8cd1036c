using System.Text;
using CsCheck;

namespace FieldSync.Server.Tests.Properties;

/// <summary>
/// DESIGN.md invariant 1 under concurrency: while several devices push updates to the same documents at once, a
/// reader pulls from checkpoint to checkpoint. It never sees a document's version go back, and once the writers stop
/// and it pulls to completion it holds every document at its newest stored version.
/// </summary>
public sealed class ConcurrentPullProperties(PropertyServer fixture) : IClassFixture<PropertyServer>
{
    private const int Documents = 6;

    // Per writer: pushes; per push: the updates (document pick, fields and values) queued before it.
    private static readonly Gen<(int Pick, int Values)[][][]> _writers =
        Gen.Select(Gen.Int[0, 99], Gen.Int[1, 31]).Array[1, 3].Array[8, 20].Array[3, 5];

    [Fact]
    public Task Reader_pulling_during_concurrent_pushes_ends_with_the_newest_version_of_every_document() =>
        _writers.SampleAsync(RunAsync, iter: 8, threads: 1, print: w => string.Join(" | ", w.Select(Describe)));

    private async Task RunAsync((int Pick, int Values)[][][] scripts)
    {
        var scenario = fixture.NextScenario("cc");
        string[] facility = [scenario + "-fac"];
        var owner = new SimulatedDevice(scenario + "-owner", await fixture.ClientForNewUserAsync(scenario + "-owner", facility), facility);
        for (var i = 0; i < Documents; i++)
        {
            owner.EditOffline(DeviceAction.Create, i, 7);
        }

        await owner.PushAsync(Documents);
        var writers = new List<SimulatedDevice>();
        for (var w = 0; w < scripts.Length; w++)
        {
            var id = $"{scenario}-writer{w}";
            writers.Add(new SimulatedDevice(id, await fixture.ClientForNewUserAsync(id, facility), facility));
            await writers[w].PullAsync(Documents);
        }

        var reader = new SimulatedDevice(scenario + "-reader", await fixture.ClientForNewUserAsync(scenario + "-reader", facility), facility);
        var writing = Task.WhenAll(writers.Select((writer, w) => Task.Run(() => WriteAsync(writer, scripts[w]))));
        while (!writing.IsCompleted)
        {
            await reader.PullAsync(2);
        }

        await writing;
        await reader.PullAsync(2);

        var stored = await ServerState.DocumentsAsync(fixture.Server.Database, facility, includeDeleted: false);
        var problems = DocumentDiff.Between(stored, reader.Documents, "stored", "reader").Concat(reader.Anomalies).ToList();
        problems.AddRange(writers.Where(w => w.Pending > 0).Select(w => $"{w.Id} kept {w.Pending} operation(s) queued"));
        if (problems.Count > 0)
        {
            Assert.Fail(new StringBuilder("The reader differs from the server after the writers stopped:").AppendLine()
                .AppendJoin(Environment.NewLine, problems).ToString());
        }
    }

    private static async Task WriteAsync(SimulatedDevice writer, (int Pick, int Values)[][] pushes)
    {
        foreach (var push in pushes)
        {
            foreach (var (pick, values) in push)
            {
                writer.EditOffline(DeviceAction.Update, pick, values);
            }

            await writer.PushAsync(3);
        }
    }

    private static string Describe((int Pick, int Values)[][] pushes) =>
        string.Join(' ', pushes.Select(p => "[" + string.Join(',', p.Select(u => $"{u.Pick}/{u.Values}")) + "]"));
}
