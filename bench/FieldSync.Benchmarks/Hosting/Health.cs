using System.Diagnostics;

namespace FieldSync.Benchmarks.Hosting;

/// <summary>Waits until a child server answers, or says why it did not.</summary>
internal static class Health
{
    public static async Task WaitAsync(ChildProcess process, Uri address, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited at start:{Environment.NewLine}{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(address);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} did not answer {address} within a minute:{Environment.NewLine}{process.Tail()}");
    }
}
