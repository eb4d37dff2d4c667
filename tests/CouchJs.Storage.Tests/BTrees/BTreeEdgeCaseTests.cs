using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.BTrees;

/// <summary>Empty trees, single keys, removing everything, duplicates in a batch, extreme keys.</summary>
public class BTreeEdgeCaseTests
{
    private static readonly BTreeSpec<long, long, long> Deep = Trees.Summed with { ChunkSize = 64 };

    private static KeyValuePair<long, long> Kv(long key, long value) => new(key, value);

    private static List<long> Keys(IEnumerable<KeyValuePair<long, long>> entries) => [.. entries.Select(e => e.Key)];

    private static List<(long, long)> Groups(BTree<long, long, long> tree, Func<long, long, bool> same, KeyRange<long> range = default, bool descending = false)
    {
        var groups = new List<(long, long)>();
        tree.FoldReduce(same, (k, r) => { groups.Add((k, r)); return true; }, range, descending);
        return groups;
    }

    [Fact]
    public void EmptyTreeAnswersEveryReadWithNothing()
    {
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Trees.Summed);

        Assert.Null(tree.Root);
        Assert.Null(tree.ToStoredRoot());
        Assert.Equal(0, tree.SubtreeSize);
        Assert.False(tree.TryGet(0, out long value));
        Assert.Equal(0, value);
        Assert.Equal([(false, 0L), (false, 0L), (false, 0L)], tree.Lookup([3, long.MinValue, 3]));
        Assert.Empty(tree.Lookup([]));
        Assert.Empty(tree.Enumerate());
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(long.MinValue, long.MaxValue), descending: true));
        Assert.Equal(0, tree.Reduce());
        Assert.Equal(0, tree.Reduce(KeyRange<long>.From(5), descending: true));
        Assert.Equal(0, tree.FullReduce());
        Assert.Empty(Groups(tree, (_, _) => true));
        int visits = 0;
        tree.Fold((_, _) => ++visits > 0);
        Assert.Equal(0, visits);
        Assert.Empty(tree.DiffFrom(tree));
        Assert.Equal(0, new BTree<long, ReadOnlyMemory<byte>, long>(Trees.MemoryFile(), Trees.Counted).FullReduce());
    }

    [Fact]
    public void ModifyingNothingKeepsTheVersionAndWritesNothing()
    {
        var file = Trees.MemoryFile();
        var empty = new BTree<long, long, long>(file, Trees.Summed);
        Assert.Same(empty, empty.Modify([], []));
        Assert.Same(empty, empty.Modify([]));
        // Removing keys from an empty tree: still empty, nothing written.
        var stillEmpty = empty.Remove(1, 2, 3);
        Assert.Null(stillEmpty.Root);
        Assert.Equal(0, file.Eof);

        var tree = empty.Modify([.. Enumerable.Range(0, 3000).Select(i => Kv(i * 2, i))]);
        long eof = file.Eof;
        var same = tree.Remove(1, 3, -1, 7777, 6001);
        Assert.Equal(tree.Root, same.Root);
        Assert.Equal(eof, file.Eof);
    }

    [Fact]
    public void OpeningWithoutAStoredRootGivesAnEmptyTree()
    {
        var tree = BTree<long, long, long>.Open(Trees.MemoryFile(), Trees.Summed, null);
        Assert.Null(tree.Root);
        var one = tree.Insert(4, 40);
        Assert.True(one.TryGet(4, out long v));
        Assert.Equal(40, v);
    }

    [Fact]
    public void SingleKeyTree()
    {
        var empty = new BTree<long, long, long>(Trees.MemoryFile(), Trees.Summed);
        var tree = empty.Insert(10, 7);

        Assert.NotNull(tree.Root);
        Assert.Equal(1, TreeShape.Check(tree).Height);
        Assert.True(tree.TryGet(10, out long v));
        Assert.Equal(7, v);
        Assert.False(tree.TryGet(9, out _));
        Assert.False(tree.TryGet(11, out _));
        Assert.Equal([(false, 0L), (true, 7L), (false, 0L), (true, 7L)], tree.Lookup([11, 10, 9, 10]));
        Assert.Equal(7, tree.FullReduce());

        Assert.Equal([10L], Keys(tree.Enumerate()));
        Assert.Equal([10L], Keys(tree.Enumerate(descending: true)));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.From(10))));
        Assert.Empty(tree.Enumerate(KeyRange<long>.From(11)));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.From(11), descending: true)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.From(9), descending: true));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.To(10))));
        Assert.Empty(tree.Enumerate(KeyRange<long>.To(10, inclusiveEnd: false)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.To(10, inclusiveEnd: false), descending: true));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.Between(10, 10))));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(10, 10, inclusiveEnd: false)));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.Between(10, 10), descending: true)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(11, 9)));
        Assert.Equal([10L], Keys(tree.Enumerate(KeyRange<long>.Between(11, 9), descending: true)));

        Assert.Equal(7, tree.Reduce(KeyRange<long>.Between(10, 10)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.Between(10, 10, inclusiveEnd: false)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.From(11)));
        Assert.Equal(7, tree.Reduce(KeyRange<long>.From(11), descending: true));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.To(10, inclusiveEnd: false)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.To(10, inclusiveEnd: false), descending: true));
        Assert.Equal([(10L, 7L)], Groups(tree, (a, b) => a == b));
        Assert.Equal([(10L, 7L)], Groups(tree, (_, _) => true, KeyRange<long>.Between(20, 0), descending: true));
        Assert.Empty(Groups(tree, (_, _) => true, KeyRange<long>.Between(20, 0)));

        var replaced = tree.Insert(10, -3);
        Assert.Equal(-3, replaced.FullReduce());
        Assert.Equal([new TreeChange<long, long>(10, false, -3)], replaced.DiffFrom(tree));

        var removed = tree.Remove(10);
        Assert.Null(removed.Root);
        Assert.Equal(0, removed.FullReduce());
        Assert.Empty(removed.Enumerate());
        Assert.Equal([new TreeChange<long, long>(10, true, 0)], removed.DiffFrom(tree));
        Assert.Equal([new TreeChange<long, long>(10, false, 7)], tree.DiffFrom(removed));
    }

    [Fact]
    public void RemovingEverythingInOneBatchLeavesANullRoot()
    {
        var device = new MemoryDevice();
        var file = CouchFile.Open(device);
        var full = new BTree<long, long, long>(file, Deep).Modify([.. Enumerable.Range(0, 5000).Select(i => Kv(i, i))]);
        Assert.True(TreeShape.Check(full).Height >= 5);

        var removed = full.Modify([], [.. Enumerable.Range(-10, 5020).Select(i => (long)i)]);
        Assert.Null(removed.Root);
        Assert.Null(removed.ToStoredRoot());
        Assert.Equal(0, removed.SubtreeSize);
        Assert.Equal(0, removed.FullReduce());
        Assert.Equal(0, removed.Reduce(KeyRange<long>.Between(0, 10)));
        Assert.Empty(removed.Enumerate());
        Assert.False(removed.TryGet(0, out _));
        Assert.Equal(5000, removed.DiffFrom(full).Count(c => c.Removed));

        // The emptied tree takes new keys like a new one.
        var again = removed.Modify([Kv(3, 30), Kv(1, 10)]);
        Assert.Equal([1L, 3L], Keys(again.Enumerate()));
        Assert.Equal(1, TreeShape.Check(again).Height);
        Assert.Equal(40, again.FullReduce());
    }

    [Fact]
    public void RemovingEverythingInRandomBatchesLeavesANullRoot()
    {
        var rng = new Random(5);
        var keys = Enumerable.Range(0, 4000).Select(i => (long)i * 3).ToList();
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify([.. keys.Select(k => Kv(k, 1))]);
        var remaining = new SortedSet<long>(keys);
        while (remaining.Count > 0)
        {
            var batch = remaining.Where(_ => rng.Next(4) == 0).Take(rng.Next(1, 700)).ToList();
            if (batch.Count == 0) batch.Add(remaining.Min);
            tree = tree.Modify([], [.. batch, -1, 1]);
            remaining.ExceptWith(batch);
            Assert.Equal(remaining.Count, tree.FullReduce());
            Assert.Equal(remaining.Count, TreeShape.Check(tree).Entries);
            Assert.Equal(remaining.Count == 0, tree.Root is null);
        }
        Assert.Empty(tree.Enumerate(descending: true));
    }

    [Fact]
    public void TheLastInsertOfAKeyInABatchWins()
    {
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify([Kv(5, 1), Kv(3, 2), Kv(5, 3), Kv(4, 4), Kv(5, 5), Kv(3, 6)]);
        Assert.Equal([(3L, 6L), (4L, 4L), (5L, 5L)], tree.Enumerate().Select(e => (e.Key, e.Value)));
        Assert.Equal(15, tree.FullReduce());

        // Many repeats across many leaves of a deep tree, replacing existing keys too.
        var rng = new Random(9);
        var expected = new SortedDictionary<long, long>();
        for (int i = 0; i < 2000; i++) expected[i] = i;
        tree = tree.Modify([.. expected.Select(e => Kv(e.Key, e.Value))]);
        var inserts = new List<KeyValuePair<long, long>>();
        for (int i = 0; i < 6000; i++)
        {
            long key = rng.Next(-100, 2100);
            inserts.Add(Kv(key, rng.Next(1000)));
            expected[key] = inserts[^1].Value;
        }
        tree = tree.Modify(inserts);
        Assert.Equal(expected.Select(e => (e.Key, e.Value)), tree.Enumerate().Select(e => (e.Key, e.Value)));
        Assert.Equal(expected.Values.Sum(), tree.FullReduce());
        TreeShape.Check(tree);
    }

    [Fact]
    public void AKeyBothInsertedAndRemovedInABatchIsInserted()
    {
        var start = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify([.. Enumerable.Range(0, 500).Select(i => Kv(i, 1))]);

        // 10 is present, 1000 is not; removes name them (twice), inserts name them too.
        var tree = start.Modify([Kv(1000, 7), Kv(10, 8)], [10, 1000, 11, 10, 1000, 2000]);
        Assert.True(tree.TryGet(10, out long a));
        Assert.Equal(8, a);
        Assert.True(tree.TryGet(1000, out long b));
        Assert.Equal(7, b);
        Assert.False(tree.TryGet(11, out _));
        Assert.Equal(500 - 1 - 1 + 8 + 7, tree.FullReduce());
        Assert.Equal(500, tree.Enumerate().Count());

        // Insert wins through the convenience methods' underlying Modify as well, whatever the order.
        var removedOnly = start.Remove(10, 10);
        Assert.False(removedOnly.TryGet(10, out _));
        Assert.Equal(499, removedOnly.FullReduce());
    }

    [Fact]
    public void ExtremeKeysSortAndBoundRanges()
    {
        long[] keys = [long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue - 1, long.MaxValue];
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Trees.Summed with { ChunkSize = 16 })
            .Modify([.. keys.Reverse().Select(k => Kv(k, 1))]);

        Assert.Equal(keys, Keys(tree.Enumerate()));
        Assert.Equal(keys.Reverse(), Keys(tree.Enumerate(descending: true)));
        Assert.Equal(keys, Keys(tree.Enumerate(KeyRange<long>.Between(long.MinValue, long.MaxValue))));
        Assert.Equal(keys[..^1], Keys(tree.Enumerate(KeyRange<long>.Between(long.MinValue, long.MaxValue, inclusiveEnd: false))));
        Assert.Equal(keys.Reverse().ToArray()[..^1], Keys(tree.Enumerate(KeyRange<long>.Between(long.MaxValue, long.MinValue, inclusiveEnd: false), descending: true)));
        Assert.Equal([long.MaxValue], Keys(tree.Enumerate(KeyRange<long>.From(long.MaxValue))));
        Assert.Equal([long.MinValue], Keys(tree.Enumerate(KeyRange<long>.From(long.MinValue), descending: true)));
        Assert.Equal(7, tree.Reduce(KeyRange<long>.To(long.MaxValue)));
        Assert.Equal(6, tree.Reduce(KeyRange<long>.To(long.MaxValue, inclusiveEnd: false)));
        Assert.Equal(6, tree.Reduce(KeyRange<long>.To(long.MinValue, inclusiveEnd: false), descending: true));
        Assert.Equal([(true, 1L), (true, 1L), (false, 0L)], tree.Lookup([long.MaxValue, long.MinValue, 2]));
        Assert.Equal([(long.MinValue, 2L), (-1L, 1L), (0L, 2L), (long.MaxValue - 1, 2L)], Groups(tree, (a, b) => a >> 1 == b >> 1));
        Assert.Equal([(long.MaxValue, 2L), (1L, 2L), (-1L, 1L), (long.MinValue + 1, 2L)], Groups(tree, (a, b) => a >> 1 == b >> 1, descending: true));
        Assert.Equal(7, TreeShape.Check(tree).Entries);
    }

    [Fact]
    public void RangesBeyondAllKeysOrEmptyYieldNothing()
    {
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify([.. Enumerable.Range(0, 1000).Select(i => Kv(i * 10, 1))]);

        Assert.Empty(tree.Enumerate(KeyRange<long>.From(9991)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.From(-1), descending: true));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(501, 509)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(509, 501), descending: true));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(600, 500)));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(500, 600), descending: true));
        Assert.Empty(tree.Enumerate(KeyRange<long>.Between(500, 500, inclusiveEnd: false)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.From(9991)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.Between(600, 500)));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.Between(500, 600), descending: true));
        Assert.Equal(0, tree.Reduce(KeyRange<long>.To(0, inclusiveEnd: false)));
        Assert.Empty(Groups(tree, (_, _) => true, KeyRange<long>.From(9991)));
        Assert.Empty(Groups(tree, (_, _) => true, KeyRange<long>.Between(500, 600), descending: true));

        // Just inside and outside each end.
        Assert.Equal([9990L], Keys(tree.Enumerate(KeyRange<long>.From(9981))));
        Assert.Equal([0L], Keys(tree.Enumerate(KeyRange<long>.From(9), descending: true)));
        Assert.Equal(1000, tree.Reduce(KeyRange<long>.From(long.MaxValue), descending: true));
        Assert.Equal(1000, tree.Reduce(KeyRange<long>.Between(-1, 9991)));
    }

    [Fact]
    public void FoldsAndGroupedReductionsStopWhenTold()
    {
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify([.. Enumerable.Range(0, 3000).Select(i => Kv(i, i))]);

        var visited = new List<long>();
        tree.Fold((k, _) => { visited.Add(k); return k < 1234; }, KeyRange<long>.From(1000));
        Assert.Equal(Enumerable.Range(1000, 235).Select(i => (long)i), visited);

        visited.Clear();
        tree.Fold((k, _) => { visited.Add(k); return visited.Count < 3; }, KeyRange<long>.To(10), descending: true);
        Assert.Equal([2999L, 2998, 2997], visited);

        var groups = new List<(long, long)>();
        tree.FoldReduce((a, b) => a / 100 == b / 100, (k, r) => { groups.Add((k, r)); return groups.Count < 2; }, KeyRange<long>.Between(2950, 0), descending: true);
        Assert.Equal([(2950L, Enumerable.Range(2900, 51).Sum(i => (long)i)), (2899L, Enumerable.Range(2800, 100).Sum(i => (long)i))], groups);

        groups.Clear();
        tree.FoldReduce((_, _) => true, (k, r) => { groups.Add((k, r)); return false; });
        Assert.Equal([(0L, Enumerable.Range(0, 3000).Sum(i => (long)i))], groups);
    }

    [Fact]
    public void ReductionsOfRangesMatchTheirKeysInBothDirections()
    {
        var entries = Enumerable.Range(0, 2000).Select(i => Kv(i * 2, i)).ToList();
        var tree = new BTree<long, long, long>(Trees.MemoryFile(), Deep).Modify(entries);
        var rng = new Random(3);
        for (int i = 0; i < 300; i++)
        {
            long low = rng.Next(-10, 4010), high = rng.Next((int)low, 4011);
            bool inclusive = rng.Next(2) == 0;
            // Forward from low to high: the end (high) is inclusive or not; descending from high to low: low is.
            long forward = entries.Where(e => e.Key >= low && (e.Key < high || (inclusive && e.Key == high))).Sum(e => e.Value);
            long backward = entries.Where(e => e.Key <= high && (e.Key > low || (inclusive && e.Key == low))).Sum(e => e.Value);
            Assert.Equal(forward, tree.Reduce(KeyRange<long>.Between(low, high, inclusive)));
            Assert.Equal(backward, tree.Reduce(KeyRange<long>.Between(high, low, inclusive), descending: true));
            Assert.Equal(0, tree.Reduce(KeyRange<long>.Between(high + 1, low, inclusive)));
        }
    }
}
