using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FieldSync.Server.Tests.Infrastructure;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The node scripts of <c>tests/appwrite-js</c>, which drive the real Appwrite SDKs from npm. The packages are installed
/// here on first use (<c>npm ci</c> from the committed lock file) when <c>node_modules</c> lacks them.
/// </summary>
public static class AppwriteJs
{
    /// <summary>How long one script may run before it is stopped and the test fails.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static readonly SemaphoreSlim _install = new(1, 1);
    private static readonly string[] _packages = ["node-appwrite", "appwrite", "playwright-core"];

    /// <summary>The folder of the scripts and their package.json.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryFiles.Root, "tests", "appwrite-js");

    /// <summary>Runs <c>functions.mjs</c> with <paramref name="plan"/>; returns one result per call.</summary>
    public static async Task<JsonArray> RunFunctionsAsync(object plan)
    {
        var lines = await RunAsync("functions.mjs", plan, onLine: null);
        return (JsonNode.Parse(lines[^1]) as JsonArray)!;
    }

    /// <summary>
    /// Runs a script, handing each output line to <paramref name="onLine"/> as it comes (the script waits on nothing from
    /// it, so a callback may act while the script goes on); returns every line.
    /// </summary>
    public static async Task<List<string>> RunAsync(string script, object input, Func<string, Task>? onLine)
    {
        await EnsureInstalledAsync();
        using var process = Start("node", script);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input));
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                lines.Add(line);
                if (onLine is not null)
                {
                    await onLine(line);
                }
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} ran longer than {Limit}; its errors: {await errors}");
        }

        Assert.True(process.ExitCode == 0 && lines.Count > 0, $"node {script} exited {process.ExitCode}: {await errors}");
        return lines;
    }

    private static async Task EnsureInstalledAsync()
    {
        await _install.WaitAsync();
        try
        {
            if (_packages.All(p => File.Exists(Path.Combine(Folder, "node_modules", p, "package.json"))))
            {
                return;
            }

            using var npm = Start("npm", "ci --no-audit --no-fund");
            npm.StandardInput.Close();
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = await npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            Assert.True(npm.ExitCode == 0, $"npm ci in {Folder} failed ({npm.ExitCode}): {await output} {errors}");
        }
        finally
        {
            _install.Release();
        }
    }

    private static Process Start(string program, string arguments) => Process.Start(new ProcessStartInfo(program, arguments)
    {
        WorkingDirectory = Folder,
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    }) ?? throw new InvalidOperationException($"{program} did not start; is it installed?");
}
