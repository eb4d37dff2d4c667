using System.Buffers;
using CouchJs.Database;
using CouchJs.Database.Changes;
using CouchJs.Database.Model;
using CouchJs.Database.Revisions;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Engines;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Filters;

/// <summary>
/// A changes feed's design-function filter (couch_changes:filter with <c>{custom, …}</c> or
/// <c>{view, …}</c>), judging a batch of changes in one query-server call:
/// <c>["ddoc", id, ["filters", name], [docs, req]]</c> or <c>["ddoc", id, ["views", name, "map"],
/// [docs]]</c>, answered <c>[true, [passes…]]</c>. The documents are those couch_changes:open_revs
/// opens (deleted ones included): with <c>main_only</c> the winner with its <c>_conflicts</c>, with
/// <c>all_docs</c> every leaf on its own. An engine is taken per batch, so a waiting live feed holds none.
/// </summary>
internal sealed class FunctionJudge(IQueryServerPool pool, QueryServerDocs docs, CouchDatabase db, DesignDoc ddoc, string[] path, ReadOnlyMemory<byte>? req, CancellationToken ct)
    : IChangesJudge
{
    public ReadOnlyMemory<SeqLeaf>[] Judge(DbReader reader, IReadOnlyList<SeqEntry> entries, IReadOnlyList<DocInfo?> infos, ChangesStyle style)
    {
        var verdicts = new ReadOnlyMemory<SeqLeaf>[entries.Count];
        var asked = new List<(int Entry, SeqLeaf Leaf)>();
        var args = new ArrayBufferWriter<byte>(4096);
        args.Write("[["u8);
        for (int i = 0; i < entries.Count; i++)
        {
            if (infos[i] is not { } info) continue;
            var leaves = style == ChangesStyle.MainOnly ? entries[i].Leaves.AsSpan(0, 1) : entries[i].Leaves;
            foreach (var leaf in leaves)
            {
                if ((style == ChangesStyle.MainOnly ? info.Winner : info.Tree.Find(leaf.Rev)) is not { } revision) continue;
                if (asked.Count > 0) args.Write(","u8);
                args.Write(docs.Stored(reader, info, revision, conflicts: style == ChangesStyle.MainOnly));
                asked.Add((i, leaf));
            }
        }
        args.Write("]"u8);
        if (req is { } request)
        {
            args.Write(","u8);
            args.Write(request.Span);
        }
        args.Write("]"u8);
        if (asked.Count == 0) return verdicts;

        var passes = FunctionAnswers.Passes(Call(args.WrittenMemory), asked.Count);
        var passed = new List<SeqLeaf>[entries.Count];
        for (int k = 0; k < asked.Count; k++)
            if (passes[k]) (passed[asked[k].Entry] ??= []).Add(asked[k].Leaf);
        for (int i = 0; i < entries.Count; i++)
            if (passed[i] is { } leaves) verdicts[i] = leaves.ToArray();
        return verdicts;
    }

    // The feed reads the by-seq tree synchronously; the call blocks it as long as the engine works.
    private byte[] Call(ReadOnlyMemory<byte> args) => CallAsync(args).GetAwaiter().GetResult();

    private async Task<byte[]> CallAsync(ReadOnlyMemory<byte> args)
    {
        try
        {
            await using var session = await FunctionSession.Open(pool, db.Name, ddoc.Language, [ddoc], ct).ConfigureAwait(false);
            return await session.Call(ddoc, path, args, ct).ConfigureAwait(false);
        }
        catch (QueryServerException e)
        {
            throw FunctionErrors.ToCouch(e);
        }
    }
}
