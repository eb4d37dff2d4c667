namespace CouchJs.QueryServers.External;

/// <summary>
/// Reads newline-terminated lines from a stream into one growing buffer, handing each line out as a
/// slice of it (valid until the next read): no string per line, no copy unless the caller keeps it.
/// </summary>
internal sealed class LineReader(Stream stream)
{
    private const int InitialSize = 64 * 1024;

    private byte[] _buffer = new byte[InitialSize];
    private int _start;
    private int _end;

    /// <summary>The next line without its line break, or null at the end of the stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLine(CancellationToken ct)
    {
        int scanned = _start;
        while (true)
        {
            int newline = _buffer.AsSpan(scanned, _end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int lineEnd = scanned + newline;
                var line = _buffer.AsMemory(_start, lineEnd - _start);
                _start = lineEnd + 1;
                return line.Span.EndsWith("\r"u8) ? line[..^1] : line;
            }
            scanned = _end - _start;
            MakeRoom();
            scanned += _start;
            int read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0) return null;
            _end += read;
        }
    }

    // Moves the unread bytes to the front, and doubles the buffer when they fill it; a buffer grown
    // for one huge answer shrinks back once it is drained.
    private void MakeRoom()
    {
        int pending = _end - _start;
        if (pending == 0 && _buffer.Length > InitialSize) _buffer = new byte[InitialSize];
        else if (_start > 0) _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        _start = 0;
        _end = pending;
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
    }
}
