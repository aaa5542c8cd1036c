using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FieldSync.Benchmarks.Wire;

/// <summary>
/// The lightest possible device: it pulls from checkpoint to checkpoint and throws the pages away, counting the
/// documents by their leading <c>{"$id":</c> and reading the checkpoint from the end of the body, without parsing JSON.
/// What it measures is the server.
/// </summary>
internal sealed partial class PullClient(HttpClient http, string deviceId)
{
    private static readonly byte[] _documentStart = "{\"$id\":"u8.ToArray();

    /// <summary>Pulls until <c>hasMore</c> is false, starting at <paramref name="checkpoint"/>.</summary>
    public async Task<PullTally> PullAllAsync(int pageLimit, int maxPages, bool compress, string? checkpoint,
        CancellationToken cancellationToken)
    {
        var tally = new PullTally();
        while (true)
        {
            var page = await PullOnceAsync(pageLimit, maxPages, compress, checkpoint, cancellationToken);
            tally.Documents += page.Documents;
            tally.Requests++;
            checkpoint = page.Checkpoint;
            if (!page.HasMore)
            {
                tally.Checkpoint = checkpoint;
                return tally;
            }
        }
    }

    /// <summary>One pull request.</summary>
    public async Task<PullPage> PullOnceAsync(int pageLimit, int maxPages, bool compress, string? checkpoint,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["deviceId"] = deviceId, ["checkpoint"] = checkpoint, ["pageLimit"] = pageLimit, ["maxPages"] = maxPages,
                ["compress"] = compress,
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("v1/sync/pull", UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"pull answered {(int)response.StatusCode}: {problem}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!compress)
        {
            return await ScanAsync(stream, cancellationToken);
        }

        // The compress:true wrapper holds the whole response as gzip+base64; unwrap it to find the checkpoint.
        using var wrapper = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var payload = Convert.FromBase64String(wrapper.RootElement.GetProperty("payload").GetString()!);
        await using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        return await ScanAsync(gzip, cancellationToken);
    }

    private static async Task<PullPage> ScanAsync(Stream stream, CancellationToken cancellationToken)
    {
        const int Keep = 1024;
        var buffer = new byte[Keep + 64 * 1024];
        var carried = 0;
        var documents = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(carried, buffer.Length - carried), cancellationToken);
            if (read == 0)
            {
                break;
            }

            var filled = carried + read;
            documents += CountStarts(buffer.AsSpan(0, filled), carried);
            carried = Math.Min(Keep, filled);
            buffer.AsSpan(filled - carried, carried).CopyTo(buffer);
        }

        var tail = Encoding.UTF8.GetString(buffer, 0, carried);
        var match = TailPattern().Match(tail);
        return match.Success
            ? new PullPage(documents, match.Groups[1].Value, match.Groups[2].Value == "true")
            : throw new InvalidDataException("A pull response without checkpoint and hasMore at its end: " + tail);
    }

    // Matches lying wholly inside the carried bytes were counted with the previous chunk.
    private static int CountStarts(ReadOnlySpan<byte> data, int carried)
    {
        var count = 0;
        var offset = 0;
        while (true)
        {
            var at = data[offset..].IndexOf(_documentStart);
            if (at < 0)
            {
                return count;
            }

            var start = offset + at;
            if (start + _documentStart.Length > carried)
            {
                count++;
            }

            offset = start + 1;
        }
    }

    [GeneratedRegex("\"checkpoint\":\"([^\"]*)\",\"hasMore\":(true|false)")]
    private static partial Regex TailPattern();
}
