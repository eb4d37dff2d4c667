using CouchJs.Database.Documents;

namespace CouchJs.Database.Changes;

/// <summary>Which revisions a change lists: the winner only, or every leaf (winner first).</summary>
public enum ChangesStyle { MainOnly, AllDocs }

/// <summary>What a changes feed reports (CouchDB's #changes_args, without the HTTP parts).</summary>
public sealed record ChangesOptions
{
    /// <summary>CouchDB's default limit; seq_interval counts down from it, so it is kept exactly.</summary>
    public const long DefaultLimit = 1_000_000_000_000_000;

    public bool Descending { get; init; }

    public long Limit { get; init; } = DefaultLimit;

    public ChangesStyle Style { get; init; }

    public ChangesFilter Filter { get; init; } = ChangesFilter.None;

    public bool IncludeDocs { get; init; }

    /// <summary>How included documents render: conflicts, attachments, att_encoding_info.</summary>
    public DocRenderOptions DocOptions { get; init; } = DocRenderOptions.Plain;

    /// <summary>Only rows whose remaining limit is a multiple of this carry their seq (the others <c>null</c>).</summary>
    public long? SeqInterval { get; init; }
}
