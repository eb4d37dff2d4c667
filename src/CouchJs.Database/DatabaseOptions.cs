using CouchJs.Storage.Files;

namespace CouchJs.Database;

/// <summary>Settings a database is opened with, bound by the host from <c>[couchdb]</c> and <c>[attachments]</c>.</summary>
public sealed record DatabaseOptions
{
    public static readonly DatabaseOptions Default = new();

    public CouchFileOptions File { get; init; } = CouchFileOptions.Default;

    /// <summary><c>[attachments] compressible_types</c>: content types stored gzipped (a trailing <c>*</c> matches any subtype).</summary>
    public IReadOnlyList<string> CompressibleTypes { get; init; } = ["text/*", "application/javascript", "application/json", "application/xml"];

    /// <summary><c>[attachments] compression_level</c>: 0 stores everything as sent.</summary>
    public int AttachmentCompressionLevel { get; init; } = 8;

    /// <summary>Attachment data is stored in chunks of this size, so reads stream and Range requests seek.</summary>
    public int AttachmentChunkSize { get; init; } = 64 * 1024;

    /// <summary>Checks every document update before it is queued, in order (access rules first, then design document validation).</summary>
    public IReadOnlyList<Writing.IDocWriteGuard> WriteGuards { get; init; } = [];

    /// <summary>Who answers for <c>_local/purge-*</c> checkpoints; each <see cref="DatabaseServer"/> gives its databases one of its own.</summary>
    public Purging.PurgeClients? PurgeClients { get; init; }

    /// <summary>Node name recorded in epochs (CouchDB's <c>nonode@nohost</c> for a single node).</summary>
    public string NodeName { get; init; } = "nonode@nohost";

    public bool IsCompressible(string contentType)
    {
        if (AttachmentCompressionLevel <= 0) return false;
        string type = contentType.Split(';', 2)[0].Trim();
        foreach (string pattern in CompressibleTypes)
        {
            if (pattern.EndsWith("/*", StringComparison.Ordinal)
                ? type.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
                : type.Equals(pattern, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
