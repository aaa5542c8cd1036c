using System.Net;
using System.Net.Sockets;

namespace FieldSync.Server.Tests.Appwrite;

/// <summary>
/// The test's own web origin on a free loopback port, serving files by path, so a page reaches FieldSync cross-origin as a
/// deployed front end does. The product server gets no test route.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, (string File, string ContentType)> _files;
    private readonly Task _serving;

    private StaticSite(IReadOnlyDictionary<string, (string, string)> files)
    {
        _files = files;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Origin = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Origin + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The site's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Origin { get; }

    /// <summary>Serves <paramref name="files"/>: URL path to file and content type.</summary>
    public static StaticSite Start(IReadOnlyDictionary<string, (string File, string ContentType)> files) => new(files);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopped while waiting for a request.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (_files.TryGetValue(context.Request.Url!.AbsolutePath, out var file))
            {
                response.ContentType = file.ContentType;
                var bytes = await File.ReadAllBytesAsync(file.File);
                await response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }
}
