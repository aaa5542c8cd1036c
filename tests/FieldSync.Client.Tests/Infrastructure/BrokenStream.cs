namespace FieldSync.Client.Tests.Infrastructure;

/// <summary>A read-only stream that gives some bytes, then fails the way a dropped connection does.</summary>
public sealed class BrokenStream(byte[] head) : Stream
{
    private int _position;

    /// <summary>After the bytes, wait (a minute at most, then fail) instead of failing at once.</summary>
    public bool Stall { get; init; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= head.Length)
        {
            throw new IOException("The connection was reset in the middle of the body (simulated).");
        }

        var count = Math.Min(buffer.Length, head.Length - _position);
        head.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Stall && _position >= head.Length)
        {
            await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        }

        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
