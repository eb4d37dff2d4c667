using System.Buffers;

namespace CouchJs.Http;

/// <summary>A request body read into a buffer rented from the shared pool; grows as data arrives.</summary>
public sealed class PooledBody(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 1) + 1);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Room for the next read; the buffer doubles when it is full.</summary>
    public Memory<byte> FreeSpace()
    {
        if (Length == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }
}
