using System.Buffers;

namespace CouchJs.Database.Attachments;

/// <summary>
/// A write-only stream that cuts what is written into chunks of exactly <c>size</c> bytes and hands
/// each full one to <c>emit</c>; <see cref="Complete"/> hands over the shorter last one. Flush emits
/// nothing, so every chunk but the last has the same length (what range reads rely on).
/// </summary>
internal sealed class ChunkingStream(int size, Action<ReadOnlySpan<byte>> emit) : Stream
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(size);
    private int _used;

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        // After disposal (an abandoned encoder's deflater flushing its tail) writes are dropped.
        if (_buffer is not { } buffer) return;
        Written += data.Length;
        while (!data.IsEmpty)
        {
            int n = Math.Min(size - _used, data.Length);
            data[..n].CopyTo(buffer.AsSpan(_used));
            _used += n;
            data = data[n..];
            if (_used == size)
            {
                emit(buffer.AsSpan(0, size));
                _used = 0;
            }
        }
    }

    /// <summary>Emits the last, partial chunk (if any).</summary>
    public void Complete()
    {
        if (_used == 0 || _buffer is null) return;
        emit(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        base.Dispose(disposing);
    }
}
