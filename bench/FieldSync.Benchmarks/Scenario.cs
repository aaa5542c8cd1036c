using FieldSync.Benchmarks.Scenarios;

namespace FieldSync.Benchmarks;

/// <summary>Runs a scenario by its command name.</summary>
internal static class Scenario
{
    public static Task RunAsync(string name, BenchContext context) => name switch
    {
        FirstSyncScenario.Name => FirstSyncScenario.RunAsync(context),
        ServerPullScenario.Name => ServerPullScenario.RunAsync(context),
        IncrementalPullScenario.Name => IncrementalPullScenario.RunAsync(context),
        PushScenario.Name => PushScenario.RunAsync(context),
        RealtimeScenario.Name => RealtimeScenario.RunAsync(context),
        WireBytesScenario.Name => WireBytesScenario.RunAsync(context),
        PouchDbScenario.Name => PouchDbScenario.RunAsync(context),
        _ => throw new ArgumentException($"Unknown scenario '{name}'.", nameof(name)),
    };
}
