namespace CouchJs.Views.Collation;

/// <summary>
/// Grouped reduce (group, group_level) over UTF-8 JSON keys, as couch_btree's group function and
/// couch_mrview's red_fold do it: a group is a run of keys equal under the view's collation (not
/// bytewise: 1 and 1.0 share a group), with array keys cut to their first group_level elements.
/// </summary>
public static class GroupKeys
{
    /// <summary>group=true: whole keys group (couch_btree's <c>exact</c>).</summary>
    public const int Exact = int.MaxValue;

    /// <summary>
    /// The key a group's row shows: an array key longer than <paramref name="groupLevel"/> cut to its first
    /// <paramref name="groupLevel"/> elements (new bytes, elements as they were); any other key unchanged.
    /// </summary>
    public static ReadOnlyMemory<byte> Truncate(ReadOnlyMemory<byte> key, int groupLevel)
    {
        var json = key.Span;
        int pos = JsonScan.SkipWhitespace(json, 0);
        if (groupLevel <= 0 || json[pos] != (byte)'[') return key;
        pos++;
        for (int element = 0; element < groupLevel; element++)
        {
            if (!JsonScan.NextElement(json, ref pos, first: element == 0)) return key;
            pos = JsonScan.ValueEnd(json, pos);
        }
        if (json[JsonScan.SkipWhitespace(json, pos)] == (byte)']') return key;
        var cut = new byte[pos + 1];
        json[..pos].CopyTo(cut);
        cut[pos] = (byte)']';
        return cut;
    }

    /// <summary>
    /// Whether two keys fall in one group at <paramref name="groupLevel"/>: 0 puts every key in one group,
    /// <see cref="Exact"/> groups equal keys, a level N groups arrays whose first N elements are equal
    /// (other keys when equal). Equality is the view's collation, raw when <paramref name="raw"/>.
    /// </summary>
    public static bool SameGroup(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int groupLevel, bool raw)
    {
        if (groupLevel <= 0) return true;
        int limit = groupLevel == Exact ? 0 : groupLevel;
        return raw
            ? CollationWalker.Compare<RawOrder>(a, b, limit) == 0
            : CollationWalker.Compare<UnicodeOrder>(a, b, limit) == 0;
    }
}
