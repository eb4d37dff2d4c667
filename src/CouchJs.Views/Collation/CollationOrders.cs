namespace CouchJs.Views.Collation;

/// <summary>What differs between the two view orders: how types rank and how strings compare.</summary>
internal interface ICollationOrder
{
    /// <summary>The rank of a value's type, from its first byte.</summary>
    static abstract int Rank(byte first);

    /// <summary>Compares two string contents (between the quotes, escapes still in); -1, 0 or 1.</summary>
    static abstract int CompareStrings(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b);
}

/// <summary>couch_ejson_compare: null &lt; false &lt; true &lt; numbers &lt; strings &lt; arrays &lt; objects; strings by ICU.</summary>
internal readonly struct UnicodeOrder : ICollationOrder
{
    public static int Rank(byte first) => first switch
    {
        (byte)'n' => 0,
        (byte)'f' => 1,
        (byte)'t' => 2,
        (byte)'"' => 4,
        (byte)'[' => 5,
        (byte)'{' => 6,
        _ => 3,
    };

    public static int CompareStrings(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => IcuStringOrder.Compare(a, b);
}

/// <summary>
/// Erlang term order of the EJSON forms: numbers &lt; atoms (false &lt; null &lt; true, alphabetical)
/// &lt; tuples (objects are <c>{[...]}</c>) &lt; lists &lt; binaries; strings bytewise.
/// </summary>
internal readonly struct RawOrder : ICollationOrder
{
    public static int Rank(byte first) => first switch
    {
        (byte)'f' => 1,
        (byte)'n' => 2,
        (byte)'t' => 3,
        (byte)'{' => 4,
        (byte)'[' => 5,
        (byte)'"' => 6,
        _ => 0,
    };

    public static int CompareStrings(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => RawStringOrder.Compare(a, b);
}
