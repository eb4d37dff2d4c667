namespace CouchJs.Database.Model;

/// <summary>
/// A stored attachment of one revision. <see cref="Chunks"/> point at the data's chunks in the
/// database file (stored as encoded: gzip when <see cref="Encoding"/> says so); <see cref="Length"/>
/// is the identity length, <see cref="EncodedLength"/> what is stored.
/// </summary>
public sealed record AttachmentInfo(
    string Name,
    string ContentType,
    long Length,
    long EncodedLength,
    string Digest,
    long RevPos,
    string? Encoding,
    long[] Chunks);
