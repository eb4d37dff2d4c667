using System.Text.Json;
using CouchJs.Database.Documents;
using CouchJs.Database.Model;
using CouchJs.Storage.BTrees;

namespace CouchJs.Database.Changes;

/// <summary>
/// A changes feed's passes over database snapshots, with CouchDB's bookkeeping (couch_changes and
/// fabric_view_changes for one shard): the limit counts down across passes; <see cref="LastSeq"/> is
/// the last seq looked at and <see cref="Pending"/> the changes left after it. Once the limit is
/// used up, the next change decides: one that would pass stays pending, one that would not is
/// skipped over. Live feeds run one pass per wake-up, each from the previous <see cref="LastSeq"/>.
/// </summary>
public sealed class ChangesScan(ChangesOptions options)
{
    // Included documents are read from the by-id tree in batches of this many ids: one descent each.
    private const int DocBatch = 256;

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 4096 };

    public ChangesOptions Options { get; } = options;

    /// <summary>Rows the limit still allows (never 0 for a negative limit, as in CouchDB).</summary>
    public long Remaining { get; private set; } = options.Limit;

    /// <summary>Set when a pass's rows have all been enumerated.</summary>
    public long LastSeq { get; private set; }

    /// <summary>Set when a pass's rows have all been enumerated.</summary>
    public long Pending { get; private set; }

    /// <summary>
    /// The rows of one pass over <paramref name="reader"/>: changes after <paramref name="since"/>,
    /// or going down from it when descending. Enumerate to the end to get <see cref="LastSeq"/> and
    /// <see cref="Pending"/>.
    /// </summary>
    public IEnumerable<ChangeRow> Pass(DbReader reader, long since)
    {
        var filter = Options.Filter;
        bool descending = Options.Descending;
        var lookup = filter.Lookup(reader);
        var source = lookup is null ? reader.Changes(descending ? since + 1 : since, descending) : Sorted(lookup, since, descending);
        long pending = CountAt(reader, since, descending);
        long lastSeq = since;
        bool stopped = false;
        var batch = Options.IncludeDocs ? new List<(ChangeRow Row, DocInfo? Info)>(DocBatch) : null;
        foreach (var (seq, entry) in source)
        {
            DocInfo? info = null;
            if (Remaining == 0)
            {
                if (filter.Select(reader, entry, Options.Style, ref info).IsEmpty)
                {
                    lastSeq = seq;
                    pending--;
                }
                stopped = true;
                break;
            }
            pending--;
            lastSeq = seq;
            var changes = filter.Select(reader, entry, Options.Style, ref info);
            if (changes.IsEmpty) continue;
            bool showSeq = Options.SeqInterval is not { } interval || Remaining % interval == 0;
            Remaining--;
            var row = new ChangeRow(seq, showSeq, entry, changes, null);
            if (batch is null)
            {
                yield return row;
                continue;
            }
            batch.Add((row, info));
            if (batch.Count < DocBatch) continue;
            foreach (var withDoc in WithDocs(reader, batch)) yield return withDoc;
            batch.Clear();
        }
        if (batch is { Count: > 0 })
            foreach (var withDoc in WithDocs(reader, batch)) yield return withDoc;
        // Looked-up documents end a forward pass at the database's seq, unless the limit cut it short.
        if (!stopped && Remaining != 0 && lookup is not null && !descending) lastSeq = reader.UpdateSeq;
        LastSeq = lastSeq;
        Pending = pending;
    }

    // The changes a pass starts with as pending: after since going up, at or below it going down.
    private static long CountAt(DbReader reader, long since, bool descending)
    {
        var bySeq = reader.Trees.BySeq;
        long after = bySeq.Reduce(KeyRange<long>.From(since + 1));
        return descending ? bySeq.FullReduce() - after : after;
    }

    // Looked-up documents in seq order (stable, as lists:keysort), past since going up, at or below it going down.
    private static List<KeyValuePair<long, SeqEntry>> Sorted(IEnumerable<DocInfo> infos, long since, bool descending)
    {
        var changes = new List<KeyValuePair<long, SeqEntry>>();
        foreach (var info in infos)
            if (descending ? info.UpdateSeq <= since : info.UpdateSeq > since) changes.Add(new(info.UpdateSeq, SeqEntry.From(info)));
        var sorted = changes.OrderBy(c => c.Key).ToList();
        if (descending) sorted.Reverse();
        return sorted;
    }

    private IEnumerable<ChangeRow> WithDocs(DbReader reader, List<(ChangeRow Row, DocInfo? Info)> batch)
    {
        var missing = new List<string>();
        foreach (var (row, info) in batch)
            if (info is null) missing.Add(row.Id);
        var found = missing.Count > 0 ? reader.Get(missing) : [];
        int next = 0;
        foreach (var (row, known) in batch)
        {
            var info = known ?? found[next++];
            yield return row with { Doc = info is null ? "null"u8.ToArray() : Render(reader, info) };
        }
    }

    // The winning revision, as include_docs shows it (cut down to the selector's fields when given).
    private byte[] Render(DbReader reader, DocInfo info)
    {
        var json = DocJsonWriter.Render(reader, info, info.Winner, Options.DocOptions);
        if (Options.Filter.Fields is not { } fields) return json;
        using var doc = JsonDocument.Parse(json, ParseOptions);
        return fields.Extract(doc.RootElement);
    }
}
