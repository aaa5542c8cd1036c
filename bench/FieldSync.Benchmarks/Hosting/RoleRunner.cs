using FieldSync.Benchmarks.Roles;

namespace FieldSync.Benchmarks.Hosting;

/// <summary>Runs one of the benchmark's own child roles (this executable again) and reads its result line.</summary>
internal static class RoleRunner
{
    public static async Task<ChildResult> RunAsync(string role, params string[] args)
    {
        var executable = Path.Combine(AppContext.BaseDirectory,
            OperatingSystem.IsWindows() ? "FieldSync.Benchmarks.exe" : "FieldSync.Benchmarks");
        await using var child = ChildProcess.Start(executable, [role, .. args]);
        var exit = await child.WaitForExitAsync(TimeSpan.FromMinutes(30));
        var last = child.Tail().Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'));
        return exit == 0 && last is not null
            ? ChildResult.Parse(last)
            : throw new InvalidOperationException($"{role} failed with exit code {exit}:{Environment.NewLine}{child.Tail()}");
    }
}
