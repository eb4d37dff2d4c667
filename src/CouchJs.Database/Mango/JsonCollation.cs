using System.Globalization;
using System.Text.Json;

namespace CouchJs.Database.Mango;

/// <summary>
/// Orders of JSON values. <see cref="Compare"/> is CouchDB's view collation (couch_ejson_compare):
/// null &lt; false &lt; true &lt; numbers &lt; strings &lt; arrays &lt; objects, strings by the ICU root
/// collator, arrays and objects element by element with a prefix first. <see cref="CompareRaw"/> is
/// Erlang's term order, which Mango uses for <c>_id</c>: numbers &lt; false &lt; null &lt; true &lt;
/// objects &lt; arrays &lt; strings, strings by code point.
/// </summary>
public static class JsonCollation
{
    private static readonly CompareInfo Icu = CultureInfo.InvariantCulture.CompareInfo;

    public static int Compare(JsonElement a, JsonElement b)
    {
        int byType = Rank(a).CompareTo(Rank(b));
        if (byType != 0) return byType;
        return a.ValueKind switch
        {
            JsonValueKind.Number => CompareNumbers(a, b),
            JsonValueKind.String => Math.Sign(Icu.Compare(a.GetString(), b.GetString(), CompareOptions.None)),
            JsonValueKind.Array => CompareArrays(a, b, Compare),
            JsonValueKind.Object => CompareObjects(a, b, Compare, (x, y) => Math.Sign(Icu.Compare(x, y, CompareOptions.None))),
            _ => 0,
        };
    }

    public static int CompareRaw(JsonElement a, JsonElement b)
    {
        int byType = RawRank(a).CompareTo(RawRank(b));
        if (byType != 0) return byType;
        return a.ValueKind switch
        {
            JsonValueKind.Number => CompareNumbers(a, b),
            JsonValueKind.String => CompareCodePoints(a.GetString()!, b.GetString()!),
            JsonValueKind.Array => CompareArrays(a, b, CompareRaw),
            JsonValueKind.Object => CompareObjects(a, b, CompareRaw, CompareCodePoints),
            _ => 0,
        };
    }

    /// <summary>Numbers by value: exactly when both are integers that fit 64 bits, else as doubles.</summary>
    public static int CompareNumbers(JsonElement a, JsonElement b)
    {
        if (a.TryGetInt64(out long x) && b.TryGetInt64(out long y)) return x.CompareTo(y);
        return JsonValues.Double(a).CompareTo(JsonValues.Double(b));
    }

    private static int Rank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.False => 1,
        JsonValueKind.True => 2,
        JsonValueKind.Number => 3,
        JsonValueKind.String => 4,
        JsonValueKind.Array => 5,
        _ => 6,
    };

    // Erlang: number < atom (false < null < true, alphabetically) < tuple ({Props}) < list < binary.
    private static int RawRank(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => 0,
        JsonValueKind.False => 1,
        JsonValueKind.Null => 2,
        JsonValueKind.True => 3,
        JsonValueKind.Object => 4,
        JsonValueKind.Array => 5,
        _ => 6,
    };

    private static int CompareArrays(JsonElement a, JsonElement b, Func<JsonElement, JsonElement, int> compare)
    {
        using var ea = a.EnumerateArray().GetEnumerator();
        using var eb = b.EnumerateArray().GetEnumerator();
        while (true)
        {
            bool moreA = ea.MoveNext(), moreB = eb.MoveNext();
            if (!moreA || !moreB) return moreA.CompareTo(moreB);
            int c = compare(ea.Current, eb.Current);
            if (c != 0) return c;
        }
    }

    private static int CompareObjects(
        JsonElement a, JsonElement b, Func<JsonElement, JsonElement, int> compare, Func<string, string, int> compareKeys)
    {
        using var ea = a.EnumerateObject().GetEnumerator();
        using var eb = b.EnumerateObject().GetEnumerator();
        while (true)
        {
            bool moreA = ea.MoveNext(), moreB = eb.MoveNext();
            if (!moreA || !moreB) return moreA.CompareTo(moreB);
            int c = compareKeys(ea.Current.Name, eb.Current.Name);
            if (c == 0) c = compare(ea.Current.Value, eb.Current.Value);
            if (c != 0) return c;
        }
    }

    /// <summary>By Unicode code point, which is the bytewise order of the UTF-8 forms.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            bool moreA = ea.MoveNext(), moreB = eb.MoveNext();
            if (!moreA || !moreB) return moreA.CompareTo(moreB);
            int c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0) return Math.Sign(c);
        }
    }
}
