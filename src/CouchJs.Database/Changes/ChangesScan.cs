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
    // Documents (included, or read by the filter) are looked up in the by-id tree this many ids at a time.
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
        IEnumerable<(long Seq, SeqEntry Entry, DocInfo? Info)> source;
        if (lookup is not null) source = Sorted(lookup, since, descending);
        else if (Options.IncludeDocs || filter.ReadsDocuments) source = WithInfos(reader, reader.Changes(descending ? since + 1 : since, descending), filter, Options.Style);
        else source = WithoutInfos(reader.Changes(descending ? since + 1 : since, descending));
        long pending = CountAt(reader, since, descending);
        long lastSeq = since;
        bool stopped = false;
        foreach (var (seq, entry, prefetched) in source)
        {
            var info = prefetched;
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
            var revs = filter.Select(reader, entry, Options.Style, ref info);
            if (revs.IsEmpty) continue;
            bool showSeq = Options.SeqInterval is not { } interval || Remaining % interval == 0;
            Remaining--;
            byte[]? doc = Options.IncludeDocs ? Render(reader, info) : null;
            yield return new ChangeRow(seq, showSeq, entry, revs, doc);
        }
        // Looked-up documents end a forward pass at the database's seq, unless the limit cut it short.
        if (!stopped && Remaining != 0 && lookup is not null && !descending) lastSeq = reader.UpdateSeq;
        LastSeq = lastSeq;
        Pending = pending;
    }

    private static IEnumerable<(long Seq, SeqEntry Entry, DocInfo? Info)> WithoutInfos(IEnumerable<KeyValuePair<long, SeqEntry>> changes)
    {
        foreach (var (seq, entry) in changes) yield return (seq, entry, null);
    }

    // Changes with their by-id entries, read a batch of ids at a time: one descent of the by-id tree per
    // batch, which the filter then sees whole.
    private static IEnumerable<(long Seq, SeqEntry Entry, DocInfo? Info)> WithInfos(DbReader reader, IEnumerable<KeyValuePair<long, SeqEntry>> changes,
        ChangesFilter filter, ChangesStyle style)
    {
        var batch = new List<KeyValuePair<long, SeqEntry>>(DocBatch);
        var entries = new List<SeqEntry>(DocBatch);
        var ids = new string[DocBatch];
        using var next = changes.GetEnumerator();
        bool more = true;
        while (more)
        {
            batch.Clear();
            while (batch.Count < DocBatch && (more = next.MoveNext())) batch.Add(next.Current);
            if (batch.Count == 0) yield break;
            for (int i = 0; i < batch.Count; i++) ids[i] = batch[i].Value.Id;
            var infos = reader.Get(batch.Count == DocBatch ? ids : ids[..batch.Count]);
            entries.Clear();
            foreach (var change in batch) entries.Add(change.Value);
            filter.Prepare(reader, entries, infos, style);
            for (int i = 0; i < batch.Count; i++) yield return (batch[i].Key, batch[i].Value, infos[i]);
        }
    }

    // The changes a pass starts with as pending: after since going up, at or below it going down.
    private static long CountAt(DbReader reader, long since, bool descending)
    {
        var bySeq = reader.Trees.BySeq;
        long after = bySeq.Reduce(KeyRange<long>.From(since + 1));
        return descending ? bySeq.FullReduce() - after : after;
    }

    // Looked-up documents in seq order (stable, as lists:keysort), past since going up, at or below it going down.
    private static List<(long Seq, SeqEntry Entry, DocInfo? Info)> Sorted(IEnumerable<DocInfo> infos, long since, bool descending)
    {
        var changes = new List<(long Seq, SeqEntry Entry, DocInfo? Info)>();
        foreach (var info in infos)
            if (descending ? info.UpdateSeq <= since : info.UpdateSeq > since) changes.Add((info.UpdateSeq, SeqEntry.From(info), info));
        var sorted = changes.OrderBy(c => c.Seq).ToList();
        if (descending) sorted.Reverse();
        return sorted;
    }

    // The winning revision, as include_docs shows it (cut down to the selector's fields when given).
    private byte[] Render(DbReader reader, DocInfo? info)
    {
        if (info is null) return "null"u8.ToArray();
        var json = DocJsonWriter.Render(reader, info, info.Winner, Options.DocOptions);
        if (Options.Filter.Fields is not { } fields) return json;
        using var doc = JsonDocument.Parse(json, ParseOptions);
        return fields.Extract(doc.RootElement);
    }
}
