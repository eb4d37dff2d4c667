using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;
using CouchJs.Storage.Tests.Support;

namespace CouchJs.Storage.Tests.BTrees;

/// <summary>MVCC by root: a version, once made, reads the same whatever is written after it.</summary>
public class BTreeVersionTests
{
    private sealed record Version(BTree<long, long, long> Tree, ModelSnapshot<long> Snap);

    private static readonly TreeKind<long> Kind = TreeKinds.Summed(chunkSize: 64);

    [Fact]
    public void EveryOldVersionStaysReadableAfterLaterModificationsAndAcrossReopen()
    {
        var rng = new Random(77);
        var device = new MemoryDevice();
        var file = CouchFile.Open(device);
        var tree = new BTree<long, long, long>(file, Kind.Spec);
        var model = new SortedDictionary<long, long>();
        var versions = new List<Version> { new(tree, Snap(model)) };
        for (int v = 1; v <= 40; v++)
        {
            var inserts = new List<KeyValuePair<long, long>>();
            var removes = new List<long>();
            if (v == 20)
            {
                removes.AddRange(model.Keys); // one version in the middle is empty
            }
            else
            {
                for (int i = rng.Next(1, 400); i > 0; i--) inserts.Add(new(rng.Next(0, 5000), rng.Next(-1000, 1000)));
                for (int i = rng.Next(0, 300); i > 0; i--) removes.Add(model.Count > 0 && rng.Next(2) == 0 ? model.Keys.ElementAt(rng.Next(model.Count)) : rng.Next(0, 5000));
            }
            tree = tree.Modify(inserts, removes);
            foreach (long k in removes) model.Remove(k);
            foreach (var (k, value) in inserts) model[k] = value;
            versions.Add(new(tree, Snap(model)));
        }
        Assert.Null(versions[20].Tree.Root);
        Assert.True(TreeShape.Check(tree).Height >= 4);

        foreach (var version in versions) CheckVersion(version, rng);
        CheckDiffs(versions, rng);

        // One header keeps every version's root; a fresh file (and cache) opens each of them.
        var header = new BufferWriter(1024);
        header.WriteVarUInt((ulong)versions.Count);
        foreach (var version in versions)
        {
            var stored = version.Tree.ToStoredRoot();
            header.WriteByte(stored is null ? (byte)0 : (byte)1);
            if (stored is null) continue;
            header.WriteVarInt(stored.Pointer);
            header.WriteVarInt(stored.SubtreeSize);
            header.WriteLengthPrefixed(stored.Reduction);
        }
        file.Commit(header.WrittenSpan);

        var reopened = CouchFile.Open(new MemoryDevice(device.ToArray()));
        var reader = new BufferReader(reopened.LastHeader!);
        var again = new List<Version>();
        for (int i = (int)reader.ReadVarUInt(); i > 0; i--)
        {
            StoredRoot? stored = reader.ReadByte() == 0 ? null
                : new StoredRoot(reader.ReadVarInt(), reader.ReadVarInt(), reader.ReadLengthPrefixed().ToArray());
            again.Add(new(BTree<long, long, long>.Open(reopened, Kind.Spec, stored), versions[again.Count].Snap));
        }
        Assert.Equal(versions.Select(v => v.Tree.Root), again.Select(v => v.Tree.Root));
        foreach (var version in again) CheckVersion(version, rng);
        CheckDiffs(again, rng);

        // Writing on from an old version in the reopened file leaves the newer ones as they were.
        var branch = again[10].Tree.Modify([new(123_456, 1)], [.. again[10].Snap.Keys.Take(50)]);
        Assert.Equal(again[10].Snap.Count - 50 + 1, branch.Enumerate().Count());
        foreach (var version in again) CheckVersion(version, rng);
    }

    [Fact]
    public async Task ReadersOfOlderVersionsAreUndisturbedByAConcurrentWriter()
    {
        var file = Trees.MemoryFile(new CouchFileOptions { NodeCacheBytes = 16 << 10 });
        var rng = new Random(8);
        var model = new SortedDictionary<long, long>();
        var tree = new BTree<long, long, long>(file, Kind.Spec);
        for (int i = 0; i < 3000; i++) model[rng.Next(0, 20_000)] = rng.Next(-1000, 1000);
        tree = tree.Modify([.. model]);
        var published = new List<Version> { new(tree, Snap(model)) };
        var publishedLock = new Lock();
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(() =>
        {
            var local = new Random(100 + r);
            int checks = 0;
            while (!done.IsCancellationRequested || checks < 20)
            {
                Version version;
                lock (publishedLock) version = published[local.Next(published.Count)];
                var snap = version.Snap;
                Assert.True(snap.Keys.SequenceEqual(version.Tree.Enumerate().Select(e => e.Key)), "keys of a published version changed");
                Assert.Equal(snap.Reduce(KeyRange<long>.All, false), version.Tree.FullReduce());
                long low = local.Next(0, 20_000);
                var range = KeyRange<long>.Between(low, low + local.Next(0, 3000));
                Assert.Equal(snap.Reduce(range, false), version.Tree.Reduce(range));
                var keys = Enumerable.Range(0, 40).Select(_ => (long)local.Next(0, 20_000)).ToList();
                var found = version.Tree.Lookup(keys);
                for (int i = 0; i < keys.Count; i++) Assert.Equal(snap.TryGet(keys[i], out _), found[i].Found);
                checks++;
            }
            return checks;
        })).ToList();

        for (int batch = 0; batch < 150; batch++)
        {
            var inserts = new List<KeyValuePair<long, long>>();
            var removes = new List<long>();
            for (int i = rng.Next(1, 200); i > 0; i--) inserts.Add(new(rng.Next(0, 20_000), rng.Next(-1000, 1000)));
            for (int i = rng.Next(0, 150); i > 0; i--) removes.Add(rng.Next(0, 20_000));
            tree = tree.Modify(inserts, removes);
            foreach (long k in removes) model.Remove(k);
            foreach (var (k, v) in inserts) model[k] = v;
            var snap = Snap(model);
            lock (publishedLock) published.Add(new(tree, snap));
            if (batch % 10 == 0) file.Commit([1]);
        }
        done.Cancel();
        foreach (int checks in await Task.WhenAll(readers)) Assert.True(checks >= 20, $"a reader made only {checks} checks");
        foreach (var version in published.Where((_, i) => i % 15 == 0)) CheckVersion(version, rng);
    }

    private static ModelSnapshot<long> Snap(SortedDictionary<long, long> model) => new(model, v => v);

    private static void CheckVersion(Version version, Random rng)
    {
        var (tree, snap) = version;
        Assert.Equal(snap.Count, TreeShape.Check(tree).Entries);
        Assert.Equal(snap.Keys, tree.Enumerate().Select(e => e.Key));
        Assert.Equal(snap.Values, tree.Enumerate().Select(e => e.Value));
        Assert.Equal(snap.Keys.Reverse(), tree.Enumerate(descending: true).Select(e => e.Key));
        Assert.Equal(snap.Reduce(KeyRange<long>.All, false), tree.FullReduce());
        var keys = Enumerable.Range(0, 100).Select(_ => (long)rng.Next(-10, 5010)).ToList();
        var found = tree.Lookup(keys);
        for (int i = 0; i < keys.Count; i++)
        {
            Assert.Equal(snap.TryGet(keys[i], out long value), found[i].Found);
            Assert.Equal(value, found[i].Value);
            Assert.Equal(found[i].Found, tree.TryGet(keys[i], out long single));
            Assert.Equal(value, single);
        }
        for (int i = 0; i < 20; i++)
        {
            long a = rng.Next(-10, 5010), b = rng.Next(-10, 5010);
            bool descending = rng.Next(2) == 0, inclusive = rng.Next(2) == 0;
            if ((a > b) != descending) (a, b) = (b, a);
            var range = KeyRange<long>.Between(a, b, inclusive);
            Assert.Equal(snap.Reduce(range, descending), tree.Reduce(range, descending));
            Assert.Equal(snap.Indices(range, descending).Select(j => snap.Keys[j]), tree.Enumerate(range, descending).Select(e => e.Key));
            var groups = new List<(long, long)>();
            tree.FoldReduce((x, y) => x / 50 == y / 50, (k, r) => { groups.Add((k, r)); return true; }, range, descending);
            Assert.Equal(snap.Groups(range, descending, (x, y) => x / 50 == y / 50), groups);
        }
    }

    private static void CheckDiffs(List<Version> versions, Random rng)
    {
        for (int i = 0; i < 60; i++)
        {
            var older = versions[rng.Next(versions.Count)];
            var newer = versions[rng.Next(versions.Count)];
            var expected = newer.Snap.ChangesFrom(older.Snap, EqualityComparer<long>.Default);
            Assert.Equal(expected, newer.Tree.DiffFrom(older.Tree));
        }
    }
}
