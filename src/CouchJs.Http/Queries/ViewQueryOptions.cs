using System.Text.Json;
using CouchJs.Database.Documents;

namespace CouchJs.Http.Queries;

/// <summary>
/// The query parameters of <c>_all_docs</c> and views (couch_mrview's #mrargs), as parsed from a query
/// string and/or a JSON body by <see cref="ApplyQueryString"/> and <see cref="ApplyJson"/>,
/// then checked by <see cref="ValidateMap"/>. Keys are kept as JSON values: views compare any JSON,
/// <c>_all_docs</c> uses string keys only.
/// </summary>
public sealed partial class ViewQueryOptions
{
    /// <summary>CouchDB's <c>?MAX_VIEW_LIMIT</c>: the limit when none is given.</summary>
    public const long DefaultLimit = 0x10000000;

    /// <summary><c>keys</c>: null when not given.</summary>
    public IReadOnlyList<JsonElement>? Keys { get; set; }

    /// <summary><c>startkey</c> / <c>start_key</c> (and <c>key</c>).</summary>
    public JsonElement? StartKey { get; set; }

    /// <summary><c>endkey</c> / <c>end_key</c> (and <c>key</c>).</summary>
    public JsonElement? EndKey { get; set; }

    public string? StartKeyDocId { get; set; }

    public string? EndKeyDocId { get; set; }

    public bool InclusiveEnd { get; set; } = true;

    public bool Descending { get; set; }

    public long Limit { get; set; } = DefaultLimit;

    public long Skip { get; set; }

    public bool IncludeDocs { get; set; }

    public bool Conflicts { get; set; }

    public bool UpdateSeq { get; set; }

    public bool Attachments { get; set; }

    public bool AttEncodingInfo { get; set; }

    public bool Sorted { get; set; } = true;

    public bool? Reduce { get; set; }

    public bool? Group { get; set; }

    public long? GroupLevel { get; set; }

    public bool Stable { get; set; }

    /// <summary><c>update</c>: "true", "false" or "lazy" (<c>stale</c> sets it too).</summary>
    public string Update { get; set; } = "true";

    public string? Partition { get; set; }

    /// <summary>A one-element <c>keys</c> is applied as <c>key</c> (views do this, <c>_all_docs</c> does not).</summary>
    public bool SingleKeysAsKey { get; init; }

    /// <summary>How included documents are rendered (<c>include_docs</c> with conflicts/attachments).</summary>
    public DocRenderOptions DocOptions => new() { Conflicts = Conflicts, Attachments = Attachments, AttEncodingInfo = AttEncodingInfo };

    /// <summary>A copy to apply one query of a <c>queries</c> request to; keys and grouping start unset, as couch_mrview_http resets them.</summary>
    public ViewQueryOptions ForSubQuery()
    {
        var copy = (ViewQueryOptions)MemberwiseClone();
        copy.Keys = null;
        copy._keysNotArray = false;
        copy.Group = null;
        copy.GroupLevel = null;
        return copy;
    }
}
