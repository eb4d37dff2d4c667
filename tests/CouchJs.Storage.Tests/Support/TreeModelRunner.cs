using CouchJs.Storage.BTrees;
using CouchJs.Storage.Encoding;
using CouchJs.Storage.Files;
using CouchJs.Storage.IO;

namespace CouchJs.Storage.Tests.Support;

/// <summary>How a <see cref="TreeModelRunner{TValue}"/> run behaves.</summary>
public sealed record ModelSettings
{
    public int Seed { get; init; } = 1;

    /// <summary>Size the tree drifts around (inserts dominate below it, removes above).</summary>
    public int TargetSize { get; init; } = 5000;

    /// <summary>Random keys are drawn from [-KeySpan, KeySpan] (plus rare extremes of long).</summary>
    public long KeySpan { get; init; } = 20_000;

    /// <summary>Largest batch of a "large" batch.</summary>
    public int MaxBatch { get; init; } = 2000;

    /// <summary>Now and then remove a large share of the keys (sometimes all) in one batch.</summary>
    public bool MassRemovals { get; init; } = true;

    /// <summary>Commit and reopen from the device's bytes every this many batches (0: never).</summary>
    public int ReopenEvery { get; init; }

    /// <summary>Chance that a reopen first writes a batch it never commits, which the reopen must drop.</summary>
    public double CrashChance { get; init; }

    /// <summary>Full comparison, structure check and old-version checks every this many batches.</summary>
    public int FullCheckEvery { get; init; } = 20;

    /// <summary>Random reads compared after each batch (scaled down for expensive trees).</summary>
    public int ReadsPerBatch { get; init; } = 6;

    public CouchFileOptions Options { get; init; } = CouchFileOptions.Default;
}

/// <summary>
/// Drives a B+tree with seeded random batches and compares it with a <see cref="SortedDictionary{TKey,TValue}"/>
/// after each one: point reads, multi-key lookups, ranged folds both ways, range reductions, grouped
/// reductions, diffs between versions, and (periodically) everything plus the tree's structure and
/// the older versions kept along the way. Optionally commits, reopens, and "crashes" (drops
/// uncommitted work) in between.
/// </summary>
public sealed class TreeModelRunner<TValue>
{
    private readonly record struct Version(BTree<long, TValue, long> Tree, ModelSnapshot<TValue> Snap, int Batch);

    private static readonly (string Name, Func<long, long, bool> Same)[] Groupings =
    [
        ("key/10", (a, b) => a / 10 == b / 10),
        ("floor(key/7)", (a, b) => Math.Floor(a / 7.0) == Math.Floor(b / 7.0)),
        ("key/1000", (a, b) => a / 1000 == b / 1000),
        ("exact", (a, b) => a == b),
        ("one group", (_, _) => true),
        ("sign", (a, b) => Math.Sign(a) == Math.Sign(b)),
    ];

    private readonly TreeKind<TValue> _kind;
    private readonly ModelSettings _s;
    private readonly Random _rng;
    private readonly SortedDictionary<long, TValue> _model = new();
    private readonly List<Version> _old = [];
    private MemoryDevice _device = new();
    private CouchFile _file;
    private BTree<long, TValue, long> _tree;
    private ModelSnapshot<TValue> _snap;
    private SortedDictionary<long, TValue> _committedModel = new();
    private ModelSnapshot<TValue> _committedSnap;
    private int _committedBatch = -1;

    public TreeModelRunner(TreeKind<TValue> kind, ModelSettings settings)
    {
        _kind = kind;
        _s = settings;
        _rng = new Random(settings.Seed);
        _file = CouchFile.Open(_device, settings.Options);
        _tree = new BTree<long, TValue, long>(_file, kind.Spec);
        _snap = _committedSnap = Freeze(_model);
    }

    /// <summary>Keys inserted or removed, over all batches.</summary>
    public long Mutations { get; private set; }

    /// <summary>Reads compared with the model: keys got or looked up, entries folded, ranges reduced, diffs.</summary>
    public long Reads { get; private set; }

    public int Batches { get; private set; }

    public int Reopens { get; private set; }

    public int Crashes { get; private set; }

    /// <summary>Batches after which the tree was empty (its root null).</summary>
    public int EmptyTrees { get; private set; }

    public int MaxHeight { get; private set; }

    public int MaxSize { get; private set; }

    public BTree<long, TValue, long> Tree => _tree;

    /// <summary>Inserts <paramref name="count"/> random keys in one batch.</summary>
    public void Fill(int count)
    {
        var inserts = new List<KeyValuePair<long, TValue>>(count);
        for (int i = 0; i < count; i++)
        {
            long key = RandomKey();
            inserts.Add(new(key, _kind.NewValue(_rng, key)));
        }
        Apply(inserts, []);
        CheckFull();
    }

    public void RunUntil(long mutations)
    {
        while (Mutations < mutations) Step();
        CheckFull();
    }

    public void Step()
    {
        var (inserts, removes) = NextBatch();
        Apply(inserts, removes);
        CheckReads();
        if (Batches % _s.FullCheckEvery == 0) CheckFull();
        if (_rng.Next(12) == 0) KeepVersion();
        if (_s.ReopenEvery > 0 && Batches % _s.ReopenEvery == 0) Reopen(crash: _rng.NextDouble() < _s.CrashChance);
        else if (_rng.Next(40) == 0) Commit();
    }

    private void Apply(List<KeyValuePair<long, TValue>> inserts, List<long> removes)
    {
        var before = _tree;
        var beforeSnap = _snap;
        bool changes = inserts.Count > 0 || removes.Any(_model.ContainsKey);
        _tree = _tree.Modify(inserts, removes);
        // The documented meaning: removes, then inserts in order, so an insert beats a remove of
        // the same key and the last insert of a key wins.
        foreach (long key in removes) _model.Remove(key);
        foreach (var (key, value) in inserts) _model[key] = value;
        _snap = Freeze(_model);
        Batches++;
        Mutations += inserts.Count + removes.Count;
        MaxSize = Math.Max(MaxSize, _snap.Count);
        if (_snap.Count == 0) EmptyTrees++;

        if (!changes) Assert.True(before.Root == _tree.Root, Where("a batch that changes nothing wrote a new root"));
        Assert.True(_tree.Root is null == (_snap.Count == 0), Where($"root is {_tree.Root} with {_snap.Count} entries"));
        CheckDiff(before, beforeSnap, _tree, _snap);
    }

    private (List<KeyValuePair<long, TValue>> Inserts, List<long> Removes) NextBatch()
    {
        var inserts = new List<KeyValuePair<long, TValue>>();
        var removes = new List<long>();
        // Mass removal (rarer while the tree is small), sometimes of everything, sometimes with a few inserts.
        if (_s.MassRemovals && _rng.Next(1000) < (_snap.Count >= _s.TargetSize / 2 ? 12 : 3) && _snap.Count > 0)
        {
            double share = _rng.Next(4) == 0 ? 1.0 : _rng.NextDouble() / 2;
            foreach (long key in _snap.Keys)
                if (_rng.NextDouble() < share) removes.Add(key);
            Shuffle(removes);
            if (share < 1 && _rng.Next(2) == 0)
                for (int i = _rng.Next(1, 20); i > 0; i--) AddInsert(inserts, RandomKey());
            return (inserts, removes);
        }
        int roll = _rng.Next(100);
        int size = roll < 60 ? _rng.Next(1, 9) : roll < 96 ? _rng.Next(10, 150) : _rng.Next(300, Math.Max(300, _s.MaxBatch) + 1);
        double insertShare = _snap.Count < _s.TargetSize / 2 ? 0.85 : _snap.Count < _s.TargetSize ? 0.65 : 0.3;
        for (int i = 0; i < size; i++)
        {
            if (_rng.NextDouble() < insertShare)
            {
                long key = _snap.Count > 0 && _rng.Next(3) == 0 ? ExistingKey() : RandomKey();
                AddInsert(inserts, key);
                if (_rng.Next(25) == 0) AddInsert(inserts, key); // the same key twice: the last wins
                if (_rng.Next(30) == 0) removes.Add(key); // inserted and removed: the insert wins
            }
            else
            {
                removes.Add(_snap.Count > 0 && _rng.Next(10) < 7 ? ExistingKey() : RandomKey());
                if (_rng.Next(30) == 0) removes.Add(removes[^1]);
            }
        }
        return (inserts, removes);
    }

    private void AddInsert(List<KeyValuePair<long, TValue>> inserts, long key) => inserts.Add(new(key, _kind.NewValue(_rng, key)));

    private long ExistingKey() => _snap.Keys[_rng.Next(_snap.Count)];

    private long RandomKey()
    {
        if (_rng.Next(500) == 0) return _rng.Next(4) switch { 0 => long.MinValue, 1 => long.MaxValue, 2 => long.MinValue + 1, _ => long.MaxValue - 1 };
        return _rng.NextInt64(-_s.KeySpan, _s.KeySpan + 1);
    }

    // ---- checks after every batch -------------------------------------------------------------

    private void CheckReads()
    {
        var tree = _tree;
        var snap = _snap;
        Assert.True(snap.Reduce(KeyRange<long>.All, false) == tree.FullReduce(), Where($"FullReduce {tree.FullReduce()}"));
        Assert.True(snap.Count == 0 == (tree.SubtreeSize == 0), Where($"subtree size {tree.SubtreeSize}"));

        for (int i = 0; i < _s.ReadsPerBatch * 2; i++)
        {
            long key = PickKey(snap);
            bool found = tree.TryGet(key, out var value);
            bool expected = snap.TryGet(key, out var model);
            Assert.True(found == expected, Where($"TryGet({key}) found={found}, model {expected}"));
            if (found) AssertValue(model, value, $"TryGet({key})");
            Reads++;
        }

        CheckLookup(tree, snap, _rng.Next(0, 8 * _s.ReadsPerBatch));

        for (int i = 0; i < _s.ReadsPerBatch; i++)
        {
            bool descending = _rng.Next(2) == 0;
            var range = RandomRange(snap, descending);
            CheckEnumerate(tree, snap, range, descending, limit: _rng.Next(12) == 0 ? int.MaxValue : _rng.Next(1, 300));
            CheckReduce(tree, snap, range, descending);
            bool descending2 = _rng.Next(2) == 0;
            CheckReduce(tree, snap, RandomRange(snap, descending2), descending2);
        }

        {
            bool descending = _rng.Next(2) == 0;
            var range = RandomRange(snap, descending);
            int stop = _rng.Next(1, 50);
            var visited = new List<long>();
            tree.Fold((k, _) => { visited.Add(k); return visited.Count < stop; }, range, descending);
            var expected = snap.Indices(range, descending).Take(stop).Select(i => snap.Keys[i]).ToList();
            Assert.True(expected.SequenceEqual(visited),
                Where($"Fold {Show(range, descending)} stopping after {stop}: got [{string.Join(",", visited)}], model [{string.Join(",", expected)}]"));
            Reads++;
        }

        {
            bool descending = _rng.Next(2) == 0;
            var range = _rng.Next(8) == 0 ? KeyRange<long>.All : RandomRange(snap, descending);
            CheckFoldReduce(tree, snap, range, descending, _rng.Next(Groupings.Length), stopAfter: _rng.Next(3) == 0 ? _rng.Next(1, 6) : int.MaxValue);
        }
    }

    private void CheckLookup(BTree<long, TValue, long> tree, ModelSnapshot<TValue> snap, int count)
    {
        var keys = new List<long>(count);
        for (int i = 0; i < count; i++)
            keys.Add(keys.Count > 0 && _rng.Next(6) == 0 ? keys[_rng.Next(keys.Count)] : PickKey(snap));
        var results = tree.Lookup(keys);
        Assert.True(results.Length == keys.Count, Where($"Lookup of {keys.Count} keys answered {results.Length}"));
        for (int i = 0; i < keys.Count; i++)
        {
            bool expected = snap.TryGet(keys[i], out var model);
            Assert.True(results[i].Found == expected,
                Where($"Lookup [{string.Join(",", keys)}] result {i} (key {keys[i]}) found={results[i].Found}, model {expected}"));
            if (expected) AssertValue(model, results[i].Value, $"Lookup result {i} (key {keys[i]})");
        }
        Reads += keys.Count;
    }

    private void CheckEnumerate(BTree<long, TValue, long> tree, ModelSnapshot<TValue> snap, KeyRange<long> range, bool descending, int limit)
    {
        using var expected = snap.Indices(range, descending).GetEnumerator();
        int n = 0;
        long? previous = null;
        foreach (var (key, value) in tree.Enumerate(range, descending))
        {
            if (n == limit) break;
            if (!expected.MoveNext())
                Assert.Fail(Where($"Enumerate {Show(range, descending)} yields {key} after {n} entries (previous {previous}), the model has no more"));
            int i = expected.Current;
            if (key != snap.Keys[i])
                Assert.Fail(Where($"Enumerate {Show(range, descending)} entry {n} is {key} (previous {previous}), the model's is {snap.Keys[i]}"));
            AssertValue(snap.Values[i], value, $"Enumerate {Show(range, descending)} key {key}");
            previous = key;
            n++;
            Reads++;
        }
        if (n < limit && expected.MoveNext())
            Assert.Fail(Where($"Enumerate {Show(range, descending)} stops after {n} entries (last {previous}), the model goes on with {snap.Keys[expected.Current]}"));
        Reads++;
    }

    private void CheckReduce(BTree<long, TValue, long> tree, ModelSnapshot<TValue> snap, KeyRange<long> range, bool descending)
    {
        long actual = tree.Reduce(range, descending);
        long expected = snap.Reduce(range, descending);
        Assert.True(actual == expected, Where($"Reduce {Show(range, descending)} = {actual}, model {expected}"));
        Reads++;
    }

    private void CheckFoldReduce(BTree<long, TValue, long> tree, ModelSnapshot<TValue> snap, KeyRange<long> range, bool descending, int grouping, int stopAfter)
    {
        var (name, same) = Groupings[grouping];
        var actual = new List<(long, long)>();
        bool calledAfterStop = false;
        tree.FoldReduce(same, (k, r) =>
        {
            calledAfterStop |= actual.Count >= stopAfter;
            actual.Add((k, r));
            return actual.Count < stopAfter;
        }, range, descending);
        var expected = snap.Groups(range, descending, same).Take(stopAfter).ToList();
        Assert.False(calledAfterStop, Where("FoldReduce emitted after emit returned false"));
        if (!expected.SequenceEqual(actual))
        {
            int at = 0;
            while (at < Math.Min(expected.Count, actual.Count) && expected[at] == actual[at]) at++;
            Assert.Fail(Where($"FoldReduce by {name} {Show(range, descending)} (stop after {stopAfter}): {actual.Count} groups, model {expected.Count}; " +
                $"first difference at {at}: got {(at < actual.Count ? actual[at].ToString() : "none")}, model {(at < expected.Count ? expected[at].ToString() : "none")}"));
        }
        Reads++;
    }

    private void CheckDiff(BTree<long, TValue, long> older, ModelSnapshot<TValue> olderSnap, BTree<long, TValue, long> newer, ModelSnapshot<TValue> newerSnap)
    {
        var expected = newerSnap.ChangesFrom(olderSnap, _kind.Values);
        var actual = newer.DiffFrom(older);
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var (e, a) = (expected[i], actual[i]);
            if (e.Key != a.Key || e.Removed != a.Removed || (!e.Removed && !_kind.Values.Equals(e.Value, a.Value)))
                Assert.Fail(Where($"DiffFrom change {i}: got ({a.Key}, removed={a.Removed}), model ({e.Key}, removed={e.Removed})"));
        }
        Assert.True(expected.Count == actual.Count, Where($"DiffFrom has {actual.Count} changes, model {expected.Count}"));
        Reads++;
    }

    // ---- periodic checks ----------------------------------------------------------------------

    /// <summary>Everything of the current version and of one kept older version; diffs to and from each older one.</summary>
    public void CheckFull()
    {
        CheckWhole(_tree, _snap);
        if (_old.Count > 0)
        {
            var old = _old[_rng.Next(_old.Count)];
            CheckWhole(old.Tree, old.Snap);
        }
        foreach (var old in _old)
        {
            CheckDiff(old.Tree, old.Snap, _tree, _snap);
            CheckDiff(_tree, _snap, old.Tree, old.Snap);
        }
        Assert.Empty(_tree.DiffFrom(_tree));
    }

    private void CheckWhole(BTree<long, TValue, long> tree, ModelSnapshot<TValue> snap)
    {
        var shape = TreeShape.Check(tree);
        Assert.True(shape.Entries == snap.Count, Where($"tree holds {shape.Entries} entries, model {snap.Count}"));
        MaxHeight = Math.Max(MaxHeight, shape.Height);
        CheckEnumerate(tree, snap, KeyRange<long>.All, false, int.MaxValue);
        CheckEnumerate(tree, snap, KeyRange<long>.All, true, int.MaxValue);
        Assert.True(snap.Reduce(KeyRange<long>.All, false) == tree.FullReduce(), Where($"FullReduce {tree.FullReduce()}"));
        CheckReduce(tree, snap, KeyRange<long>.All, false);
        // Every key, some missing ones, in a shuffled order.
        var keys = snap.Keys.Concat(Enumerable.Range(0, 50).Select(_ => RandomKey())).ToList();
        Shuffle(keys);
        var results = tree.Lookup(keys);
        for (int i = 0; i < keys.Count; i++)
        {
            bool expected = snap.TryGet(keys[i], out var model);
            Assert.True(results[i].Found == expected, Where($"full Lookup key {keys[i]} found={results[i].Found}, model {expected}"));
            if (expected) AssertValue(model, results[i].Value, $"full Lookup key {keys[i]}");
        }
        Reads += keys.Count;
        CheckFoldReduce(tree, snap, KeyRange<long>.All, _rng.Next(2) == 0, _rng.Next(Groupings.Length), int.MaxValue);
        for (int i = 0; i < 4; i++)
        {
            bool descending = _rng.Next(2) == 0;
            var range = RandomRange(snap, descending);
            CheckReduce(tree, snap, range, descending);
            CheckEnumerate(tree, snap, range, descending, 100);
        }
    }

    private void KeepVersion()
    {
        if (_old.Count >= 5) _old.RemoveAt(_rng.Next(_old.Count));
        _old.Add(new(_tree, _snap, Batches));
    }

    // ---- commit and reopen --------------------------------------------------------------------

    private void Commit()
    {
        var header = new BufferWriter(64);
        header.WriteVarInt(Batches);
        var stored = _tree.ToStoredRoot();
        header.WriteByte(stored is null ? (byte)0 : (byte)1);
        if (stored is not null)
        {
            header.WriteVarInt(stored.Pointer);
            header.WriteVarInt(stored.SubtreeSize);
            header.WriteLengthPrefixed(stored.Reduction);
        }
        _file.Commit(header.WrittenSpan);
        _committedBatch = Batches;
        _committedModel = new SortedDictionary<long, TValue>(_model);
        _committedSnap = _snap;
    }

    /// <summary>
    /// Commits (unless crashing), then opens the device's bytes as a new file with a fresh cache.
    /// A crash first writes one more batch and never commits it: the reopened file holds the last commit.
    /// </summary>
    private void Reopen(bool crash)
    {
        var expectedRoot = _tree.Root;
        if (crash)
        {
            if (_committedBatch < 0) Commit();
            expectedRoot = BTree<long, TValue, long>.Open(_file, _kind.Spec, StoredRootOf(_file.LastHeader!)).Root;
            var (inserts, removes) = NextBatch();
            Apply(inserts, removes);
            _file.Flush(); // the lost batch reaches the device: the reopen must cut it off
            Crashes++;
        }
        else
        {
            Commit();
        }
        _device = new MemoryDevice(_device.ToArray());
        _file = CouchFile.Open(_device, _s.Options);
        var header = _file.LastHeader;
        Assert.NotNull(header);
        Assert.True(new BufferReader(header).ReadVarInt() == _committedBatch, Where("reopened file's header is not the last commit"));
        _tree = BTree<long, TValue, long>.Open(_file, _kind.Spec, StoredRootOf(header));
        Assert.True(expectedRoot == _tree.Root, Where($"reopened root {_tree.Root}, committed {expectedRoot}"));
        if (crash)
        {
            _model.Clear();
            foreach (var (k, v) in _committedModel) _model[k] = v;
            _snap = _committedSnap;
        }
        // Older versions committed before this point are in the new file too.
        var kept = _old.Where(v => v.Batch <= _committedBatch)
            .Select(v => v with { Tree = BTree<long, TValue, long>.Open(_file, _kind.Spec, v.Tree.ToStoredRoot()) }).ToList();
        _old.Clear();
        _old.AddRange(kept);
        Reopens++;
        CheckFull();
    }

    private static StoredRoot? StoredRootOf(byte[] header)
    {
        var reader = new BufferReader(header);
        reader.ReadVarInt();
        if (reader.ReadByte() == 0) return null;
        long pointer = reader.ReadVarInt();
        long size = reader.ReadVarInt();
        return new StoredRoot(pointer, size, reader.ReadLengthPrefixed().ToArray());
    }

    // ---- random ranges and keys ---------------------------------------------------------------

    /// <summary>A key of the tree, a neighbour of one, a random key, or one beyond all keys.</summary>
    private long PickKey(ModelSnapshot<TValue> snap)
    {
        int roll = _rng.Next(20);
        if (snap.Count == 0 || roll >= 16)
        {
            return roll switch
            {
                16 => snap.Count > 0 ? Add(snap.Keys[^1], _rng.Next(1, 100)) : long.MaxValue,
                17 => snap.Count > 0 ? Add(snap.Keys[0], -_rng.Next(1, 100)) : long.MinValue,
                18 => _rng.Next(2) == 0 ? long.MaxValue : long.MinValue,
                _ => RandomKey(),
            };
        }
        long key = ExistingKeyOf(snap);
        return roll < 10 ? key : Add(key, _rng.Next(-3, 4));
    }

    private long ExistingKeyOf(ModelSnapshot<TValue> snap) => snap.Keys[_rng.Next(snap.Count)];

    /// <summary>
    /// A range for a fold in the given direction: usually from the start side to the end side, some
    /// reversed (empty), some narrow around one key, some open at one end or both.
    /// </summary>
    private KeyRange<long> RandomRange(ModelSnapshot<TValue> snap, bool descending)
    {
        bool inclusive = _rng.Next(2) == 0;
        int kind = _rng.Next(10);
        if (kind == 0) return KeyRange<long>.From(PickKey(snap));
        if (kind == 1) return KeyRange<long>.To(PickKey(snap), inclusive);
        if (kind == 2) return _rng.Next(2) == 0 ? KeyRange<long>.All : new KeyRange<long>(false, 0, false, 0, inclusive);
        long a = PickKey(snap);
        long b = kind <= 5 ? Add(a, _rng.Next(0, _rng.Next(2) == 0 ? 5 : 200)) : PickKey(snap);
        // Forward folds go up, descending ones down; one in eight goes the wrong way (an empty range).
        bool wrongWay = _rng.Next(8) == 0;
        if ((a > b) != (descending ^ wrongWay)) (a, b) = (b, a);
        return KeyRange<long>.Between(a, b, inclusive);
    }

    private static long Add(long key, long delta)
    {
        if (delta > 0 && key > long.MaxValue - delta) return long.MaxValue;
        if (delta < 0 && key < long.MinValue - delta) return long.MinValue;
        return key + delta;
    }

    private void Shuffle<T>(List<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = _rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private ModelSnapshot<TValue> Freeze(SortedDictionary<long, TValue> model) => new(model, _kind.Weight);

    private void AssertValue(TValue expected, TValue actual, string what)
    {
        if (!_kind.Values.Equals(expected, actual))
            Assert.Fail(Where($"{what}: value {_kind.Show(actual)}, model {_kind.Show(expected)}"));
    }

    private static string Show(KeyRange<long> r, bool descending) =>
        $"[{(r.HasStart ? r.Start.ToString() : "-")} .. {(r.HasEnd ? r.End.ToString() : "-")}{(r.HasEnd && !r.InclusiveEnd ? ")" : "]")}{(descending ? " descending" : "")}";

    private string Where(string what) => $"seed {_s.Seed}, batch {Batches}, {_snap.Count} entries: {what}";
}
