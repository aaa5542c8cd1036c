using System.Diagnostics;
using System.Text;

namespace FieldSync.Server.Tests.Cli;

/// <summary>
/// Runs the built <c>fieldsync</c> command (fieldsync.dll, copied next to the test assembly because the test project
/// references the server project) as a child process, the way an operator runs it.
/// </summary>
public sealed class FieldSyncProcess : IAsyncDisposable
{
    private static readonly TimeSpan _hangGuard = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private FieldSyncProcess(Process process) => _process = process;

    /// <summary>The command's path.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "fieldsync.dll");

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>What the process wrote to standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>fieldsync</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static FieldSyncProcess Start(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(Dll), $"fieldsync.dll not found at {Dll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must read its key, URLs and storage from its arguments, not from the test runner's environment.
        foreach (var name in new[] { "FIELDSYNC_JWT_KEY", "FIELDSYNC_URLS", "FIELDSYNC_POSTGRES", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var running = new FieldSyncProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(running._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(running._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs <c>fieldsync</c> to its end and returns the exit code and both outputs.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        await using var running = Start(workingDirectory, args);
        var exitCode = await running.WaitForExitAsync();
        return (exitCode, running.Stdout, running.Stderr);
    }

    /// <summary>Waits for the process to end on its own; a hang fails the test instead of blocking the run.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(_hangGuard);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"fieldsync did not exit within {_hangGuard}; stderr: {Stderr}");
        }

        // Let the asynchronous readers take the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
