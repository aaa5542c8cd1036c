using System.Buffers;

namespace FieldSync.Client.Wire;

/// <summary>
/// A response body read into an array from the shared pool, given back on <see cref="Dispose"/>. A pull page is about half
/// a megabyte: a fresh array per page went to the large object heap and made a full collection every few pages.
/// </summary>
internal sealed class PooledBytes : IDisposable
{
    private byte[]? _array;

    private PooledBytes(byte[] array, int length) => (_array, Length) = (array, length);

    /// <summary>How many bytes were read.</summary>
    public int Length { get; }

    /// <summary>The bytes read; not to be used after <see cref="Dispose"/>.</summary>
    public ArraySegment<byte> Segment => new(_array ?? throw new ObjectDisposedException(nameof(PooledBytes)), 0, Length);

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    public static async Task<PooledBytes> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var array = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Max(1, stream.Length - stream.Position) : 256 * 1024);
        var length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(array.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
                if (length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(array.Length * 2);
                    array.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }
            }

            return new PooledBytes(array, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _array, null) is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
