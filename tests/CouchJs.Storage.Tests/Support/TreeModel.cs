using CouchJs.Storage.BTrees;
using CouchJs.Storage.Format;

namespace CouchJs.Storage.Tests.Support;

/// <summary>
/// One shape of tree for model tests: long keys, a value type, and the reduction as a sum of one
/// weight per entry (1 to count entries, the value itself to sum values).
/// </summary>
public sealed record TreeKind<TValue>(
    BTreeSpec<long, TValue, long> Spec,
    Func<Random, long, TValue> NewValue,
    Func<TValue, long> Weight,
    IEqualityComparer<TValue> Values,
    Func<TValue, string> Show);

public static class TreeKinds
{
    /// <summary><see cref="Trees.Summed"/>: long values in ±1,000,000, reduced by their sum.</summary>
    public static TreeKind<long> Summed(int chunkSize = StorageConstants.BtreeChunkSize) => new(
        Trees.Summed with { ChunkSize = chunkSize },
        (rng, _) => rng.NextInt64(-1_000_000, 1_000_001),
        v => v,
        EqualityComparer<long>.Default,
        v => v.ToString());

    /// <summary>
    /// <see cref="Trees.Counted"/>: byte values of <paramref name="minSize"/>..<paramref name="maxSize"/>
    /// bytes, half random (incompressible), half repetitive text (compressible), reduced by count.
    /// </summary>
    public static TreeKind<ReadOnlyMemory<byte>> Counted(
        int chunkSize = StorageConstants.BtreeChunkSize, int minSize = 0, int maxSize = 40) => new(
        Trees.Counted with { ChunkSize = chunkSize },
        (rng, key) => Bytes(rng, key, rng.Next(minSize, maxSize + 1)),
        _ => 1,
        ByteValues.Instance,
        v => Convert.ToHexString(v.Span[..Math.Min(v.Length, 16)]) + $"..({v.Length} bytes)");

    public static byte[] Bytes(Random rng, long key, int size)
    {
        var bytes = new byte[size];
        if (rng.Next(2) == 0)
        {
            rng.NextBytes(bytes);
            return bytes;
        }
        var text = System.Text.Encoding.ASCII.GetBytes($"key {key} version {rng.Next()};");
        for (int i = 0; i < size; i++) bytes[i] = text[i % text.Length];
        return bytes;
    }
}

/// <summary>Byte values compared by content.</summary>
public sealed class ByteValues : IEqualityComparer<ReadOnlyMemory<byte>>
{
    public static readonly ByteValues Instance = new();

    public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<byte> obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj.Span);
        return hash.ToHashCode();
    }
}

/// <summary>
/// The model's contents frozen as sorted arrays, with prefix sums of the weights, so range bounds and
/// range reductions of the model cost a binary search. Ranges follow <see cref="KeyRange{TKey}"/>'s
/// documented meaning, worked out here independently of the tree.
/// </summary>
public sealed class ModelSnapshot<TValue>
{
    public readonly long[] Keys;
    public readonly TValue[] Values;
    private readonly long[] _prefix;

    public ModelSnapshot(SortedDictionary<long, TValue> entries, Func<TValue, long> weight)
    {
        Keys = new long[entries.Count];
        Values = new TValue[entries.Count];
        _prefix = new long[entries.Count + 1];
        int i = 0;
        foreach (var (key, value) in entries)
        {
            Keys[i] = key;
            Values[i] = value;
            _prefix[i + 1] = _prefix[i] + weight(value);
            i++;
        }
    }

    public int Count => Keys.Length;

    public long Weight(int index) => _prefix[index + 1] - _prefix[index];

    /// <summary>The model's entries in the range: indices [Lo, Hi) in ascending key order.</summary>
    public (int Lo, int Hi) Bounds(KeyRange<long> range, bool descending)
    {
        int lo, hi;
        if (!descending)
        {
            lo = range.HasStart ? LowerBound(range.Start) : 0;
            hi = range.HasEnd ? (range.InclusiveEnd ? UpperBound(range.End) : LowerBound(range.End)) : Count;
        }
        else
        {
            hi = range.HasStart ? UpperBound(range.Start) : Count;
            lo = range.HasEnd ? (range.InclusiveEnd ? LowerBound(range.End) : UpperBound(range.End)) : 0;
        }
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>Indices of the range's entries in fold order.</summary>
    public IEnumerable<int> Indices(KeyRange<long> range, bool descending)
    {
        var (lo, hi) = Bounds(range, descending);
        if (descending)
            for (int i = hi - 1; i >= lo; i--) yield return i;
        else
            for (int i = lo; i < hi; i++) yield return i;
    }

    public long Reduce(KeyRange<long> range, bool descending)
    {
        var (lo, hi) = Bounds(range, descending);
        return _prefix[hi] - _prefix[lo];
    }

    public bool TryGet(long key, out TValue value)
    {
        int i = Array.BinarySearch(Keys, key);
        value = i >= 0 ? Values[i] : default!;
        return i >= 0;
    }

    /// <summary>Groups of the range in fold order, each as its first key (in fold order) and its reduction.</summary>
    public List<(long Key, long Reduction)> Groups(KeyRange<long> range, bool descending, Func<long, long, bool> sameGroup)
    {
        var groups = new List<(long Key, long Reduction)>();
        foreach (int i in Indices(range, descending))
        {
            if (groups.Count == 0 || !sameGroup(groups[^1].Key, Keys[i])) groups.Add((Keys[i], 0));
            groups[^1] = (groups[^1].Key, groups[^1].Reduction + Weight(i));
        }
        return groups;
    }

    /// <summary>What turns <paramref name="older"/> into this: removed keys, and inserted or changed entries.</summary>
    public List<TreeChange<long, TValue>> ChangesFrom(ModelSnapshot<TValue> older, IEqualityComparer<TValue> values)
    {
        var changes = new List<TreeChange<long, TValue>>();
        int i = 0, j = 0;
        while (i < older.Count || j < Count)
        {
            if (j == Count || (i < older.Count && older.Keys[i] < Keys[j]))
            {
                changes.Add(new(older.Keys[i++], true, default!));
            }
            else if (i == older.Count || Keys[j] < older.Keys[i])
            {
                changes.Add(new(Keys[j], false, Values[j]));
                j++;
            }
            else
            {
                if (!values.Equals(older.Values[i], Values[j])) changes.Add(new(Keys[j], false, Values[j]));
                i++;
                j++;
            }
        }
        return changes;
    }

    private int LowerBound(long key)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Keys[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int UpperBound(long key)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Keys[mid] <= key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
