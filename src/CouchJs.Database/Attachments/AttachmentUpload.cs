using CouchJs.Database.Model;
using CouchJs.Storage.Database;
using CouchJs.Storage.Files;

namespace CouchJs.Database.Attachments;

/// <summary>
/// An attachment streamed into the database file while it arrives (a standalone PUT's body): each
/// full chunk is appended under the file's write lock, then <see cref="Complete"/> checks the md5 and
/// <see cref="CouchDatabase.PutAttachment"/> commits a revision pointing at the chunks.
/// <para>
/// Compaction may swap the file between two chunks or before the commit. The upload keeps a snapshot
/// of the file generation its chunks are in, so they stay readable, and whenever it finds the
/// database writing to another file (next chunk, or the write op) it copies them across first.
/// </para>
/// </summary>
public sealed class AttachmentUpload : IDisposable
{
    private readonly DatabaseFile _db;
    private readonly AttachmentEncoder _encoder;
    private readonly List<long> _chunks = [];
    private DatabaseSnapshot? _generation;
    private EncodedAttachment? _done;

    internal AttachmentUpload(DatabaseFile db, DatabaseOptions options, string name, string contentType, bool sentGzipped)
    {
        _db = db;
        Name = name;
        ContentType = contentType;
        _encoder = new AttachmentEncoder(options, contentType, sentGzipped, Append);
    }

    public string Name { get; }

    public string ContentType { get; }

    /// <summary>The identity length and digest of the completed data (null before <see cref="Complete"/>).</summary>
    internal (long Length, string Digest)? Completed => _done is { } done ? (done.Length, done.Digest) : null;

    /// <summary>Bytes received so far (as sent, before any compression).</summary>
    public long Received => _encoder.Received;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_done is not null) throw new InvalidOperationException("the upload is complete");
        _encoder.Write(data);
    }

    /// <summary>
    /// Ends the data. <paramref name="expectedMd5"/> (a <c>Content-MD5</c> header or trailer) must be
    /// the md5 of the bytes received, else 400 <c>content_md5_mismatch</c> as couch_util:check_md5.
    /// </summary>
    public void Complete(byte[]? expectedMd5 = null)
    {
        var done = _encoder.Finish();
        if (expectedMd5 is not null && !expectedMd5.AsSpan().SequenceEqual(done.Md5))
            throw new CouchException(400, "content_md5_mismatch", "Possible message corruption.");
        _done = done;
    }

    /// <summary>
    /// The stored attachment, its chunks in <paramref name="current"/> (the file the write batch
    /// appends to, its write lock held): copied there first if they were written to an older file.
    /// </summary>
    internal AttachmentInfo Resolve(CouchFile current, long revPos)
    {
        var done = _done ?? throw new InvalidOperationException("the upload is not complete");
        Follow(current);
        return new AttachmentInfo(Name, ContentType, done.Length, done.EncodedLength, done.Digest, revPos, done.Encoding, [.. _chunks]);
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        lock (_db.WriteLock)
        {
            var current = _db.File;
            Follow(current);
            _chunks.Add(current.Append(chunk).Position);
        }
    }

    // Under the write lock the database's generation cannot change, so the snapshot opened here is
    // of `current`. Chunks are copied one at a time from the old generation, which the old snapshot
    // keeps open until then.
    private void Follow(CouchFile current)
    {
        if (_generation is not null && ReferenceEquals(_generation.File, current)) return;
        var generation = _db.OpenSnapshot();
        if (!ReferenceEquals(generation.File, current))
        {
            generation.Dispose();
            throw new InvalidOperationException("attachment chunks must be appended under the database's write lock");
        }
        if (_generation is { } old)
        {
            for (int i = 0; i < _chunks.Count; i++) _chunks[i] = current.Append(old.File.ReadMemory(_chunks[i]).Span).Position;
            old.Dispose();
        }
        _generation = generation;
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _generation?.Dispose();
        _generation = null;
    }
}
