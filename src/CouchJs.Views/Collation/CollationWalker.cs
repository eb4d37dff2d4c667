namespace CouchJs.Views.Collation;

/// <summary>
/// Compares two JSON values by walking both byte strings in step, without parsing them into objects
/// and without recursion: values of the same type are compared as they come, containers element by
/// element (objects member by member: key, then value) with the shorter one first when one is a
/// prefix of the other. Both sides share their container nesting up to the first difference, so one
/// stack of open containers serves both.
/// </summary>
internal static class CollationWalker
{
    /// <summary>
    /// Returns -1, 0 or 1. With a positive <paramref name="topLevelLimit"/> and both values arrays, only
    /// their first <paramref name="topLevelLimit"/> elements count (group_level).
    /// </summary>
    public static int Compare<TOrder>(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int topLevelLimit = 0)
        where TOrder : struct, ICollationOrder
    {
        if (topLevelLimit <= 0) topLevelLimit = int.MaxValue;
        var open = new OpenContainers();
        int topLevelSeen = 0, i = 0, j = 0;
        while (true)
        {
            i = JsonScan.SkipWhitespace(a, i);
            j = JsonScan.SkipWhitespace(b, j);
            byte first = a[i];
            int rankA = TOrder.Rank(first), rankB = TOrder.Rank(b[j]);
            if (rankA != rankB) return rankA < rankB ? -1 : 1;

            bool opened = false;
            switch (first)
            {
                case (byte)'"':
                {
                    int endA = JsonScan.StringEnd(a, i), endB = JsonScan.StringEnd(b, j);
                    int byText = TOrder.CompareStrings(a[(i + 1)..(endA - 1)], b[(j + 1)..(endB - 1)]);
                    if (byText != 0) return byText;
                    i = endA;
                    j = endB;
                    break;
                }
                case (byte)'[' or (byte)'{':
                    open.Push(isObject: first == (byte)'{');
                    i++;
                    j++;
                    opened = true;
                    break;
                case (byte)'t' or (byte)'n':
                    i += 4;
                    j += 4;
                    break;
                case (byte)'f':
                    i += 5;
                    j += 5;
                    break;
                default:
                {
                    int endA = JsonScan.NumberEnd(a, i, out bool integerA), endB = JsonScan.NumberEnd(b, j, out bool integerB);
                    int byValue = JsonNumberOrder.Compare(a[i..endA], integerA, b[j..endB], integerB);
                    if (byValue != 0) return byValue;
                    i = endA;
                    j = endB;
                    break;
                }
            }

            // Move both sides to their next element, closing containers that end on both.
            while (true)
            {
                if (open.Depth == 0) return 0;
                if (open.Depth == 1 && topLevelSeen == topLevelLimit && !open.InnermostIsObject) return 0;
                bool moreA = JsonScan.NextElement(a, ref i, opened), moreB = JsonScan.NextElement(b, ref j, opened);
                if (moreA != moreB) return moreA ? 1 : -1;
                if (moreA) break;
                open.Pop();
                opened = false;
            }
            if (open.Depth == 1) topLevelSeen++;

            if (open.InnermostIsObject)
            {
                int keyEndA = JsonScan.StringEnd(a, i), keyEndB = JsonScan.StringEnd(b, j);
                int byKey = TOrder.CompareStrings(a[(i + 1)..(keyEndA - 1)], b[(j + 1)..(keyEndB - 1)]);
                if (byKey != 0) return byKey;
                i = JsonScan.SkipWhitespace(a, keyEndA) + 1; // past ':'
                j = JsonScan.SkipWhitespace(b, keyEndB) + 1;
            }
        }
    }

    /// <summary>Which open containers are objects, outermost first: bits for 64 levels, an array past them.</summary>
    private struct OpenContainers
    {
        private const int InlineLevels = 64;

        private ulong _objects;
        private bool[]? _deeper;

        public int Depth { get; private set; }

        public readonly bool InnermostIsObject =>
            Depth <= InlineLevels ? ((_objects >> (Depth - 1)) & 1) != 0 : _deeper![Depth - 1 - InlineLevels];

        public void Push(bool isObject)
        {
            if (Depth < InlineLevels)
            {
                ulong bit = 1UL << Depth;
                _objects = isObject ? _objects | bit : _objects & ~bit;
            }
            else
            {
                int at = Depth - InlineLevels;
                if (_deeper is null || at == _deeper.Length) Array.Resize(ref _deeper, Math.Max(InlineLevels, 2 * at));
                _deeper[at] = isObject;
            }
            Depth++;
        }

        public void Pop() => Depth--;
    }
}
