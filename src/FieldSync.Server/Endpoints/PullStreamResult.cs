using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FieldSync.Core.Documents;
using FieldSync.Core.Storage;
using FieldSync.Core.Sync;

namespace FieldSync.Server.Endpoints;

/// <summary>
/// Writes a pull response as its documents are read, so a first sync of many thousand documents never sits whole in
/// memory. Deletions are small and are written after the documents. With <c>compress</c> the same JSON goes through
/// gzip and base64 into the <c>payload</c> string.
/// </summary>
public sealed class PullStreamResult(PullStream stream, bool compress, ILogger<PullStreamResult> logger) : IResult
{
    private const int FlushBytes = 32 * 1024;
    private static readonly byte[] _compressedPrefix =
        Encoding.UTF8.GetBytes("{\"compressed\":true,\"encoding\":\"gzip+base64\",\"payload\":\"");
    private static readonly byte[] _compressedSuffix = Encoding.UTF8.GetBytes("\"}");

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var cancellationToken = httpContext.RequestAborted;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (stream)
        {
            try
            {
                if (compress)
                {
                    await WriteCompressedAsync(httpContext.Response.Body, cancellationToken);
                }
                else
                {
                    await WriteBodyAsync(httpContext.Response.Body, cancellationToken);
                }

                // Kestrel drops writes without an error once the device has hung up: a response whose last flush went
                // nowhere must not be logged as a pull the device received.
                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or Core.Errors.StorageException)
            {
                await stream.CompleteAsync(e.GetType().Name, CancellationToken.None);
                if (!httpContext.Response.HasStarted)
                {
                    throw;
                }

                // The status line is gone already: break the connection so the device never takes a cut body for a whole one.
                ServerLog.PullBroken(logger, stream.DeviceId, e.Message);
                httpContext.Abort();
                return;
            }

            await stream.CompleteAsync(null, CancellationToken.None);
        }
    }

    private async Task WriteCompressedAsync(Stream body, CancellationToken cancellationToken)
    {
        await body.WriteAsync(_compressedPrefix, cancellationToken);
        await using (var base64 = new CryptoStream(body, new ToBase64Transform(), CryptoStreamMode.Write, leaveOpen: true))
        await using (var gzip = new GZipStream(base64, CompressionLevel.Fastest, leaveOpen: true))
        {
            await WriteBodyAsync(gzip, cancellationToken);
        }

        await body.WriteAsync(_compressedSuffix, cancellationToken);
    }

    private async Task WriteBodyAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        using var documents = new ChangeJsonWriter();
        var deletions = new List<StoredChange>();
        json.WriteStartObject();
        json.WriteStartArray("documents");
        await foreach (var document in stream.ReadAsync(cancellationToken))
        {
            if (document.Deleted)
            {
                deletions.Add(document);
                continue;
            }

            documents.Write(json, document);
            if (json.BytesPending > FlushBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("deletions");
        foreach (var deleted in deletions)
        {
            json.WriteStartObject();
            json.WriteString("collection", deleted.Collection);
            json.WriteString("id", deleted.Id);
            json.WriteNumber("version", deleted.Version);
            json.WriteString("deletedAt", DocumentJson.FormatTime(deleted.UpdatedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("checkpoint", stream.Checkpoint);
        json.WriteBoolean("hasMore", stream.HasMore);
        json.WriteString("serverTime", DocumentJson.FormatTime(stream.ServerTime));
        json.WritePropertyName("facilities");
        if (stream.Facilities is { } facilities)
        {
            json.WriteStartArray();
            foreach (var facility in facilities)
            {
                json.WriteStringValue(facility);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNullValue();
        }
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
