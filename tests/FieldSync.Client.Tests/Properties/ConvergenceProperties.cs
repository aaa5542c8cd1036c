using System.Text.Json.Nodes;
using CsCheck;
using FieldSync.Client.Tests.Infrastructure;

namespace FieldSync.Client.Tests.Properties;

/// <summary>
/// Three tablets of one facility edit offline (creates, concurrent updates of the same patients, deletes, edits the rules
/// refuse) and sync in random orders; once each has synced twice more in a random order, every one holds exactly what a
/// system user pulls from the server for that facility, and a tablet of another facility holds none of it.
/// </summary>
public sealed class ConvergenceProperties(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] _names = ["Amina", "Bola", "Chidi", "Dayo", "Efe", "Femi", "Gbenga", "Hauwa", "Ife", "Jide"];

    private static readonly Gen<DeviceStep> _step =
        from device in Gen.Int[0, 2]
        from kind in Gen.FrequencyConst((3, EditKind.Create), (7, EditKind.Update), (1, EditKind.Delete), (1, EditKind.Invalid), (4, EditKind.Sync))
        from pick in Gen.Int[0, 99]
        from value in Gen.Int[0, 9]
        select new DeviceStep(device, kind, pick, value);

    private readonly TestServer _server = fixture.Server;

    [Fact]
    public Task Tablets_editing_offline_converge_on_the_server_state_of_their_facility_whatever_the_sync_order() =>
        Gen.Select(_step.Array[5, 40], Gen.Shuffle(new[] { 0, 1, 2, 3 }), Gen.Shuffle(new[] { 0, 1, 2, 3 }))
            .SampleAsync(RunAsync, iter: 25, threads: 2,
                print: s => $"{string.Join(' ', s.Item1)} | {string.Join(',', s.Item2)} | {string.Join(',', s.Item3)}");

    private async Task RunAsync(DeviceStep[] steps, int[] firstRound, int[] secondRound)
    {
        var (nurse, facility) = await _server.NewWorkerAsync();
        var (colleague, _) = await _server.NewWorkerAsync(facility);
        var (stranger, otherFacility) = await _server.NewWorkerAsync();
        var tablets = new[]
        {
            new FieldSyncClient(_server.OptionsFor(nurse, _server.NewName("tab"))),
            new FieldSyncClient(_server.OptionsFor(nurse, _server.NewName("tab"))),
            new FieldSyncClient(_server.OptionsFor(colleague, _server.NewName("tab"))),
            new FieldSyncClient(_server.OptionsFor(stranger, _server.NewName("tab"))),
        };
        try
        {
            await ShareAsync(tablets, facility, otherFacility);
            var created = 0;
            foreach (var step in steps)
            {
                await ApplyAsync(tablets[step.Device], step, facility, $"{facility}-n{created++}");
            }

            foreach (var order in new[] { firstRound, secondRound })
            {
                foreach (var index in order)
                {
                    await tablets[index].SyncAsync();
                }
            }

            var expected = await _server.ServerDocumentsAsync("patients", facility);
            foreach (var tablet in tablets[..3])
            {
                Assert.Equal(0, await tablet.GetPendingCountAsync());
                var held = (await tablet.Collection("patients").ListAsync()).ToDictionary(d => (string)d["$id"]!);
                Assert.Equal(expected.Keys.Order(), held.Keys.Order());
                Assert.All(expected, e => Assert.True(JsonNode.DeepEquals(e.Value, held[e.Key]), $"{e.Key} differs"));
            }

            var elsewhere = await tablets[3].Collection("patients").ListAsync();
            Assert.All(elsewhere, d => Assert.Equal(otherFacility, (string?)d["facility_id"]));
            Assert.Equal((await _server.ServerDocumentsAsync("patients", otherFacility)).Count, elsewhere.Count);
        }
        finally
        {
            foreach (var tablet in tablets)
            {
                await tablet.DisposeAsync();
            }
        }
    }

    // The first tablet registers a few patients and everyone syncs, so that the tablets soon edit the same patients.
    private static async Task ShareAsync(FieldSyncClient[] tablets, string facility, string otherFacility)
    {
        for (var i = 0; i < 3; i++)
        {
            await tablets[0].Collection("patients").PutAsync($"{facility}-s{i}", Patients.New(facility, _names[i]));
        }

        await tablets[3].Collection("patients").PutAsync($"{otherFacility}-own", Patients.New(otherFacility));
        foreach (var tablet in tablets)
        {
            await tablet.SyncAsync();
        }
    }

    private static async Task ApplyAsync(FieldSyncClient tablet, DeviceStep step, string facility, string newId)
    {
        var patients = tablet.Collection("patients");
        if (step.Kind == EditKind.Sync)
        {
            await tablet.SyncAsync();
            return;
        }

        if (step.Kind == EditKind.Create)
        {
            await patients.PutAsync(newId, Patients.New(facility, _names[step.Value]));
            return;
        }

        var held = await patients.ListAsync();
        if (held.Count == 0)
        {
            return;
        }

        var patient = held[step.Pick % held.Count];
        var id = (string)patient["$id"]!;
        await (step.Kind switch
        {
            EditKind.Delete => patients.DeleteAsync(id),
            EditKind.Invalid => patients.PutAsync(id, Patients.With(patient, "sex", "robot")),
            _ => patients.PutAsync(id, (step.Value % 3) switch
            {
                0 => Patients.With(patient, "phone", $"+23480300000{step.Value}"),
                1 => Patients.With(patient, "first_name", _names[step.Value]),
                _ => Patients.With(patient, "guardian_name", "Guardian " + _names[step.Value]),
            }),
        });
    }
}
