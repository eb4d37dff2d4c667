using CouchJs.QueryServers;
using CouchJs.Views.Collation;

namespace CouchJs.Views.Reduce;

/// <summary>
/// erlang:external_size of the EJSON forms jiffy decodes JSON into (OTP 26 defaults), which
/// couch_query_servers' _sum overflow check measures its input and output with. Strings are
/// binaries of their decoded UTF-8, objects <c>{[{Key, Value}, …]}</c>, atoms UTF-8 small atoms, a
/// list of integers 0..255 a string.
/// </summary>
internal static class ErlangTermSize
{
    private const int VersionByte = 1;
    private const int ListHeader = 5; // LIST_EXT tag + 32-bit length
    private const int Nil = 1; // NIL_EXT ends a proper list, and is the empty list
    private const int SmallTupleHeader = 2; // SMALL_TUPLE_EXT tag + arity
    private const int BinaryHeader = 5; // BINARY_EXT tag + 32-bit length
    private const int StringHeader = 3; // STRING_EXT tag + 16-bit length
    private const int MaxStringLength = 65535;

    /// <summary>The size of one JSON value as a whole term (version byte included).</summary>
    public static long Of(ReadOnlySpan<byte> json)
    {
        int pos = 0;
        return VersionByte + Term(json, ref pos, out _);
    }

    /// <summary>The KVs list a reduce gets: <c>[[[Key, DocId], Value], …]</c>.</summary>
    public static long OfReduceInput(IReadOnlyList<KeyValueRow> rows)
    {
        long size = VersionByte + ListEnvelope(rows.Count);
        foreach (var row in rows)
        {
            int pos = 0;
            long key = Term(row.Key.Span, ref pos, out _);
            long id = BinaryHeader + System.Text.Encoding.UTF8.GetByteCount(row.DocId);
            pos = 0;
            long value = Term(row.Value.Span, ref pos, out _);
            size += ListEnvelope(2) + ListEnvelope(2) + key + id + value;
        }
        return size;
    }

    /// <summary>The KVs list a rereduce gets: <c>[[[], Reduction], …]</c>.</summary>
    public static long OfRereduceInput(IReadOnlyList<ReadOnlyMemory<byte>> reductions)
    {
        long size = VersionByte + ListEnvelope(reductions.Count);
        foreach (var reduction in reductions)
        {
            int pos = 0;
            size += ListEnvelope(2) + Nil + Term(reduction.Span, ref pos, out _);
        }
        return size;
    }

    // A list's bytes besides its elements' (a non-empty list of non-integers).
    private static int ListEnvelope(int count) => count == 0 ? Nil : ListHeader + Nil;

    private static long Term(ReadOnlySpan<byte> json, ref int pos, out bool smallInteger)
    {
        smallInteger = false;
        pos = JsonScan.SkipWhitespace(json, pos);
        int start = pos;
        switch (json[pos])
        {
            case (byte)'"':
                pos = JsonScan.StringEnd(json, pos);
                return BinaryHeader + JsonStringText.Utf8Length(json[(start + 1)..(pos - 1)]);
            case (byte)'t' or (byte)'n':
                pos += 4;
                return 6; // SMALL_ATOM_UTF8_EXT tag + length + "true"/"null"
            case (byte)'f':
                pos += 5;
                return 7;
            case (byte)'[':
            {
                long elements = 0;
                int count = 0;
                bool allSmallIntegers = true;
                pos++;
                while (JsonScan.NextElement(json, ref pos, count == 0))
                {
                    elements += Term(json, ref pos, out bool small);
                    allSmallIntegers &= small;
                    count++;
                }
                if (count == 0) return Nil;
                return allSmallIntegers && count <= MaxStringLength ? StringHeader + count : ListHeader + elements + Nil;
            }
            case (byte)'{':
            {
                long members = 0;
                int count = 0;
                pos++;
                while (JsonScan.NextElement(json, ref pos, count == 0))
                {
                    long key = Term(json, ref pos, out _);
                    pos = JsonScan.SkipWhitespace(json, pos) + 1; // past ':'
                    members += SmallTupleHeader + key + Term(json, ref pos, out _);
                    count++;
                }
                return SmallTupleHeader + (count == 0 ? Nil : ListHeader + members + Nil);
            }
            default:
            {
                pos = JsonScan.NumberEnd(json, pos, out bool isInteger);
                var number = ErlangNumber.Parse(json[start..pos], isInteger);
                smallInteger = number.ExternalSize() == 2;
                return number.ExternalSize();
            }
        }
    }
}
