namespace CouchJs.Views.Collation;

/// <summary>
/// The orders of view keys, over UTF-8 JSON values as a query server emits them (or as query
/// parameters are re-serialized); whitespace between tokens is allowed, escapes in strings compare as
/// the characters they stand for. Both return -1, 0 or 1 and allocate nothing for ASCII keys.
/// </summary>
public static class ViewCollation
{
    /// <summary>
    /// CouchDB's view collation (couch_ejson_compare): null &lt; false &lt; true &lt; numbers &lt; strings
    /// &lt; arrays &lt; objects. Numbers by value (1 and 1.0 are equal; integers exactly at any size,
    /// others as doubles); strings by the ICU root collator; arrays element by element, a prefix first;
    /// objects member by member in stored order (key by ICU, then value), a prefix first.
    /// </summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CollationWalker.Compare<UnicodeOrder>(a, b);

    /// <summary>
    /// Raw collation (<c>"options": {"collation": "raw"}</c>), Erlang's term order of the EJSON forms:
    /// numbers &lt; false &lt; null &lt; true &lt; objects &lt; arrays &lt; strings; strings bytewise (code points).
    /// </summary>
    public static int CompareRaw(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CollationWalker.Compare<RawOrder>(a, b);

    /// <summary><see cref="CompareRaw"/> when <paramref name="raw"/>, else <see cref="Compare"/>.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, bool raw) => raw ? CompareRaw(a, b) : Compare(a, b);

    /// <summary>The comparer for a view's keys: <see cref="JsonKeyComparer.Raw"/> or <see cref="JsonKeyComparer.Unicode"/>.</summary>
    public static JsonKeyComparer Comparer(bool raw) => raw ? JsonKeyComparer.Raw : JsonKeyComparer.Unicode;
}
