using System.Runtime.CompilerServices;
using CouchJs.Storage.BTrees;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Tests.BTrees;

/// <summary>The node cache holds what it counts, keeps what is used, and counts exactly under races.</summary>
public class NodeCacheTests
{
    [Fact]
    public void MemoryStaysWithinTheBudget()
    {
        var cache = new NodeCache(100_000);
        for (int i = 0; i < 10_000; i++)
        {
            cache.Add(i, new object(), 1000);
            Assert.True(cache.Bytes <= 100_000 + 2000, $"{cache.Bytes} bytes after {i + 1} adds");
        }
    }

    [Fact]
    public void NodesInUseOutliveNodesReadOnce()
    {
        var cache = new NodeCache(200_000);
        var hot = Enumerable.Range(0, 50).Select(i => (Position: (long)i, Node: new object())).ToList();
        foreach (var (position, node) in hot) cache.Add(position, node, 1000);
        for (long once = 1000; once < 5000; once++)
        {
            cache.Add(once, new object(), 1000);
            foreach (var (position, node) in hot)
            {
                Assert.True(cache.TryGet(position, out object got), $"hot node {position} evicted after {once - 999} others");
                Assert.Same(node, got);
            }
        }
    }

    // Regression: each sweep started over at the dictionary's first entries, so after a writer had
    // filled the cache, those were churned while stale entries further on stayed: lookups missed.
    [Fact]
    public void AWorkingSetWithinTheBudgetStopsMissingOnceStaleNodesAreSwept()
    {
        var cache = new NodeCache(1100 * 100);
        for (long stale = 0; stale < 100; stale++)
        {
            cache.Add(stale * 7919, new object(), 1000);
            cache.TryGet(stale * 7919, out _);
        }
        var rng = new Random(1);
        int lateMisses = 0;
        for (int round = 0; round < 40; round++)
        {
            for (int i = 0; i < 80; i++)
            {
                long position = 1_000_000 + rng.Next(80) * 104_729L;
                if (cache.TryGet(position, out _)) continue;
                cache.Add(position, new object(), 1000);
                if (round >= 20) lateMisses++;
            }
        }
        Assert.Equal(0, lateMisses);
    }

    [Fact]
    public void ConcurrentAddsAndSweepsCountExactly()
    {
        var cache = new NodeCache(50_000);
        Parallel.For(0, 4, worker =>
        {
            var rng = new Random(worker);
            for (int i = 0; i < 20_000; i++)
            {
                long position = rng.Next(5000);
                if (!cache.TryGet(position, out _)) cache.Add(position, new object(), rng.Next(1, 500));
            }
        });
        cache.Clear();
        Assert.Equal(0, cache.Bytes);
    }

    // Regression: inner nodes cached as they were written kept their keys as the writer had them,
    // slices of the caller's batch or of whole leaves read on the way, so memory grew far past the budget.
    [Fact]
    public void CachedNodesDoNotKeepTheCallersKeysAlive()
    {
        var spec = new BTreeSpec<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long>(
            BytewiseComparer.Instance, BytesCodec.Instance, BytesCodec.Instance, Int64Codec.Instance,
            CountReducer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>.Instance);
        var file = CouchFile.Open(new MemoryDevice());
        var (tree, keys) = InsertWithOwnKeys(new BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long>(file, spec));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(0, keys.Count(k => k.IsAlive));
        Assert.Equal(2000, tree.FullReduce());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long>, List<WeakReference>) InsertWithOwnKeys(
        BTree<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>, long> tree)
    {
        var weak = new List<WeakReference>();
        var rng = new Random(3);
        for (int batch = 0; batch < 4; batch++)
        {
            var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>>();
            for (int i = 0; i < 500; i++)
            {
                var key = new byte[16];
                rng.NextBytes(key);
                weak.Add(new WeakReference(key));
                entries.Add(new(key, new byte[200]));
            }
            tree = tree.Modify(entries);
        }
        return (tree, weak);
    }
}
