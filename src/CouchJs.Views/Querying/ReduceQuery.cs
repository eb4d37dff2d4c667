using CouchJs.Storage.BTrees;
using CouchJs.Views.Collation;
using CouchJs.Views.Design;
using CouchJs.Views.Engine;
using CouchJs.Views.Index;

namespace CouchJs.Views.Querying;

/// <summary>
/// A reduce query's rows (couch_mrview:red_fold): without grouping one row, the reduction of the range
/// (none when the range is empty); grouped, one row per run of keys in a group, computed from stored
/// subtree reductions where a whole subtree falls in one group. Groups are folded in chunks so rows
/// stream without holding the result. Only the named reduce is computed; a JavaScript one runs in a
/// query server taken on first use and returned on dispose.
/// </summary>
public sealed class ReduceQuery : IAsyncDisposable
{
    /// <summary>Groups folded before their rows are handed out (one extra group is refolded per chunk).</summary>
    private const int ChunkGroups = 512;

    private static readonly ReadOnlyMemory<byte> Null = "null"u8.ToArray();

    private readonly BTree<ViewKey, ReadOnlyMemory<byte>, ViewReduction> _tree;
    private readonly ReduceFunction _function;
    private readonly int _slot;
    private readonly bool _raw;
    private readonly ViewQuery _query;
    private readonly QueryServerSession? _session;

    /// <param name="session">The query server a JavaScript reduce runs in; null for a built-in.</param>
    internal ReduceQuery(ViewIndexState state, ViewDefinition view, int slot, ViewQuery query, QueryServerSession? session,
        Reduce.BuiltinReduceLimit limit, CancellationToken cancel)
    {
        _session = session;
        _function = view.Reduces[slot];
        _slot = slot;
        _raw = view.RawCollation;
        _query = query;
        var reducer = new ViewTreeReducer(new UserReducer(view.Reduces, session, slot, limit, cancel));
        _tree = state.ViewTree(view.Index, ViewTreeSpecs.Query(view.RawCollation, reducer));
    }

    /// <summary>The rows after skip, up to limit; lazy.</summary>
    public IEnumerable<ReduceRow> Rows()
    {
        long skip = _query.Skip, limit = _query.Limit;
        if (limit <= 0) yield break;
        foreach (var row in All())
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }
            yield return row;
            if (--limit == 0) yield break;
        }
    }

    private IEnumerable<ReduceRow> All()
    {
        foreach (var range in ViewRanges.For(_query))
        {
            if (_query.GroupLevel == 0)
            {
                var reduction = _tree.Reduce(range, _query.Descending);
                if (reduction.Count > 0) yield return new ReduceRow(Null, Finish(reduction));
                continue;
            }
            foreach (var row in Groups(range)) yield return row;
        }
    }

    private IEnumerable<ReduceRow> Groups(KeyRange<ViewKey> range)
    {
        var chunk = new List<(ViewKey First, ViewReduction Reduction)>(ChunkGroups + 1);
        while (true)
        {
            chunk.Clear();
            _tree.FoldReduce(SameGroup, (first, reduction) =>
            {
                chunk.Add((first, reduction));
                return chunk.Count <= ChunkGroups;
            }, range, _query.Descending);
            int complete = Math.Min(chunk.Count, ChunkGroups);
            for (int i = 0; i < complete; i++) yield return new ReduceRow(GroupKeys.Truncate(chunk[i].First.Key, _query.GroupLevel), Finish(chunk[i].Reduction));
            if (chunk.Count <= ChunkGroups) yield break;
            // The fold stopped after one group more than the chunk holds; where the group after it starts is
            // unknown, so the next fold starts at that group's first row and computes it again.
            range = range with { HasStart = true, Start = chunk[^1].First };
        }
    }

    private bool SameGroup(ViewKey a, ViewKey b) => GroupKeys.SameGroup(a.Key.Span, b.Key.Span, _query.GroupLevel, _raw);

    private ReadOnlyMemory<byte> Finish(ViewReduction reduction) => UserReducer.Finish(_function, reduction.User[_slot]);

    public ValueTask DisposeAsync() => _session?.DisposeAsync() ?? ValueTask.CompletedTask;
}
