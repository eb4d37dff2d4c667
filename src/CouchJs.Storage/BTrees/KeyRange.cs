namespace CouchJs.Storage.BTrees;

/// <summary>
/// Where a fold starts and ends, in the fold's direction (as CouchDB's startkey/endkey): a descending
/// fold starts at the high key. The start is always inclusive; the end is inclusive unless told.
/// </summary>
public readonly record struct KeyRange<TKey>(bool HasStart, TKey Start, bool HasEnd, TKey End, bool InclusiveEnd = true)
{
    public static KeyRange<TKey> All => default;

    public static KeyRange<TKey> From(TKey start) => new(true, start, false, default!);

    public static KeyRange<TKey> To(TKey end, bool inclusiveEnd = true) => new(false, default!, true, end, inclusiveEnd);

    public static KeyRange<TKey> Between(TKey start, TKey end, bool inclusiveEnd = true) => new(true, start, true, end, inclusiveEnd);
}

/// <summary>A range as low and high bounds, whatever the direction of the fold that named it.</summary>
internal readonly struct Bounds<TKey>
{
    private readonly IComparer<TKey> _comparer;
    private readonly bool _hasLow, _lowInclusive, _hasHigh, _highInclusive;
    private readonly TKey _low, _high;

    public Bounds(IComparer<TKey> comparer, in KeyRange<TKey> range, bool descending)
    {
        _comparer = comparer;
        if (!descending)
        {
            (_hasLow, _low, _lowInclusive) = (range.HasStart, range.Start, true);
            (_hasHigh, _high, _highInclusive) = (range.HasEnd, range.End, range.InclusiveEnd);
        }
        else
        {
            (_hasHigh, _high, _highInclusive) = (range.HasStart, range.Start, true);
            (_hasLow, _low, _lowInclusive) = (range.HasEnd, range.End, range.InclusiveEnd);
        }
    }

    public bool HasLow => _hasLow;

    public bool HasHigh => _hasHigh;

    /// <summary>The key is not below the range.</summary>
    public bool AboveLow(TKey key)
    {
        if (!_hasLow) return true;
        int c = _comparer.Compare(key, _low);
        return c > 0 || (c == 0 && _lowInclusive);
    }

    /// <summary>The key is not above the range.</summary>
    public bool BelowHigh(TKey key)
    {
        if (!_hasHigh) return true;
        int c = _comparer.Compare(key, _high);
        return c < 0 || (c == 0 && _highInclusive);
    }

    /// <summary>Every key greater than <paramref name="key"/> is above the low bound.</summary>
    public bool AllAboveLowAfter(TKey key) => !_hasLow || _comparer.Compare(key, _low) >= 0;

    /// <summary>Every key greater than <paramref name="key"/> is above the high bound.</summary>
    public bool AllAboveHighAfter(TKey key)
    {
        if (!_hasHigh) return false;
        return _comparer.Compare(key, _high) >= 0;
    }

    public bool Contains(TKey key) => AboveLow(key) && BelowHigh(key);
}
