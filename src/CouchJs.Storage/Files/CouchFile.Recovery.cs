using System.Buffers.Binary;
using static CouchJs.Storage.Format.StorageConstants;

namespace CouchJs.Storage.Files;

// Opening: scan block starts backwards for the newest header whose checksum holds.
public sealed partial class CouchFile
{
    private void RecoverTail()
    {
        long length = _device.Length;
        if (length == 0) return;
        Span<byte> prefix = stackalloc byte[1 + HeaderPrefixSize];
        for (long block = (length - 1) / BlockSize; block >= 0; block--)
        {
            long start = block * BlockSize;
            if (_device.Read(start, prefix) < prefix.Length || prefix[0] != HeaderBlockMarker) continue;
            uint size = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
            long end = start + BlockLayout.PhysicalLength(start, HeaderPrefixSize + (long)size);
            if (end > length) continue;
            var logical = new byte[HeaderPrefixSize + size];
            if (ReadLogical(start, logical) != logical.Length) continue;
            var body = logical.AsSpan(HeaderPrefixSize);
            if (!Native.XxHash128.Verify(body, logical.AsSpan(4, ChecksumSize))) continue;
            LastHeader = body.ToArray();
            // Bytes after the last valid header were never committed: drop them.
            if (end < length) _device.Truncate(end);
            _eof = _flushed = end;
            return;
        }
    }
}
