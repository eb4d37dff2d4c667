using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Files;

// Physical I/O: the block markers, the write buffer, and reads that see both device and buffer.
public sealed partial class CouchFile
{
    /// <summary>Appends logical bytes at the end, putting a data marker at every block start it crosses.</summary>
    private void AppendLogical(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_eof % BlockSize == 0)
            {
                PendingWrite([DataBlockMarker]);
                _eof++;
            }
            int run = Math.Min(data.Length, BlockSize - (int)(_eof % BlockSize));
            PendingWrite(data[..run]);
            Volatile.Write(ref _eof, _eof + run);
            data = data[run..];
        }
    }

    private void PendingWrite(ReadOnlySpan<byte> data)
    {
        if (_pendingLength + data.Length > _pending.Length) FlushPending();
        if (data.Length > _pending.Length)
        {
            _device.Write(_flushed, data);
            Volatile.Write(ref _flushed, _flushed + data.Length);
            return;
        }
        lock (_pendingLock)
        {
            data.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += data.Length;
        }
    }

    private void FlushPending()
    {
        if (_pendingLength == 0) return;
        _device.Write(_flushed, _pending.AsSpan(0, _pendingLength));
        lock (_pendingLock)
        {
            Volatile.Write(ref _flushed, _flushed + _pendingLength);
            _pendingLength = 0;
        }
    }

    /// <summary>Reads up to <paramref name="logical"/>.Length logical bytes from physical <paramref name="pos"/>.</summary>
    private int ReadLogical(long pos, Span<byte> logical)
    {
        long physicalLength = Math.Min(BlockLayout.PhysicalLength(pos, logical.Length), Eof - pos);
        if (physicalLength <= 0) return 0;
        // Bytes already on disk are taken from the read mapping as they are: markers stripped on
        // the way into the caller's buffer, so a chunk is copied once, not through a bounce buffer.
        if (_mapped is not null && pos + physicalLength <= Volatile.Read(ref _flushed)
            && _mapped.TryGetMapped(pos, (int)physicalLength, out var mapped))
            return BlockLayout.StripMarkers(pos, mapped, logical);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)physicalLength);
        try
        {
            int got = ReadPhysical(pos, buffer.AsSpan(0, (int)physicalLength));
            return BlockLayout.StripMarkers(pos, buffer.AsSpan(0, got), logical);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int ReadPhysical(long pos, Span<byte> destination)
    {
        if (pos + destination.Length <= Volatile.Read(ref _flushed)) return _device.Read(pos, destination);
        lock (_pendingLock)
        {
            int fromDevice = (int)Math.Clamp(_flushed - pos, 0, destination.Length);
            int got = fromDevice > 0 ? _device.Read(pos, destination[..fromDevice]) : 0;
            if (got < fromDevice) return got;
            long pendingOffset = pos + got - _flushed;
            int fromPending = (int)Math.Min(destination.Length - got, _pendingLength - pendingOffset);
            if (fromPending > 0) _pending.AsSpan((int)pendingOffset, fromPending).CopyTo(destination[got..]);
            return got + Math.Max(fromPending, 0);
        }
    }
}
