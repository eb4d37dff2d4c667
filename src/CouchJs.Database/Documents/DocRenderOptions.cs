using CouchJs.Database.Revisions;

namespace CouchJs.Database.Documents;

/// <summary>What a rendered document includes, from GET's query parameters (and their _bulk_get / include_docs twins).</summary>
public sealed record DocRenderOptions
{
    public static readonly DocRenderOptions Plain = new();

    public bool Revs { get; init; }

    /// <summary>At most this many ids in <c>_revisions</c> (the query server's <c>[query_server_config] revs_limit</c>).</summary>
    public int RevsLimit { get; init; } = int.MaxValue;

    public bool RevsInfo { get; init; }

    public bool Conflicts { get; init; }

    public bool DeletedConflicts { get; init; }

    public bool LocalSeq { get; init; }

    /// <summary>Inline attachment data (base64) instead of stubs.</summary>
    public bool Attachments { get; init; }

    /// <summary>Attachment data follows in multipart parts: <c>"follows": true</c> instead of data.</summary>
    public bool Follows { get; init; }

    public bool AttEncodingInfo { get; init; }

    /// <summary>Only attachments newer than these revs carry data; older ones stay stubs.</summary>
    public IReadOnlyList<Rev>? AttsSince { get; init; }
}
