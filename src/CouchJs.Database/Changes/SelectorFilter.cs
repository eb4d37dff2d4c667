using System.Text.Json;
using CouchJs.Database.Documents;
using CouchJs.Database.Mango;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Changes;

/// <summary>
/// <c>_selector</c>: the revisions whose document, as couch_doc:to_json_obj renders it (<c>_id</c>,
/// <c>_rev</c>, <c>_deleted</c>, the winner's <c>_conflicts</c>), matches the selector. With
/// <c>style=all_docs</c> each leaf is opened and matched on its own.
/// </summary>
internal sealed class SelectorFilter(Selector selector, Fields? fields) : ChangesFilter
{
    private static readonly DocRenderOptions WinnerOptions = new() { Conflicts = true };
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 4096 };

    public override bool ReadsDocuments => true;

    public override Fields? Fields => fields;

    internal override ReadOnlyMemory<SeqLeaf> Select(DbReader reader, SeqEntry entry, ChangesStyle style, ref DocInfo? info)
    {
        info ??= reader.Get(entry.Id);
        if (info is null) return ReadOnlyMemory<SeqLeaf>.Empty;
        if (style == ChangesStyle.MainOnly)
            return Matches(reader, info, info.Winner, WinnerOptions) ? entry.Leaves.AsMemory(0, 1) : ReadOnlyMemory<SeqLeaf>.Empty;
        List<SeqLeaf>? passed = null;
        foreach (var leaf in entry.Leaves)
            if (info.Tree.Find(leaf.Rev) is { } revision && Matches(reader, info, revision, DocRenderOptions.Plain))
                (passed ??= []).Add(leaf);
        return passed is null ? ReadOnlyMemory<SeqLeaf>.Empty : passed.ToArray();
    }

    private bool Matches(DbReader reader, DocInfo info, RevLeaf<RevBody> revision, DocRenderOptions options)
    {
        using var doc = JsonDocument.Parse(DocJsonWriter.Render(reader, info, revision, options), ParseOptions);
        return selector.Matches(doc.RootElement);
    }
}
