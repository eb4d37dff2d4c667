using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CouchJs.Http.Responses;

/// <summary>
/// ETags in chttpd:make_etag's form: an md5 read as one big-endian 128-bit integer, written in base 36
/// (digits and capital letters), quoted.
/// </summary>
public static class Md5ETag
{
    /// <summary>The ETag of the md5 of <paramref name="data"/>.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Format(MD5.HashData(data));

    /// <summary>The ETag of an md5 already computed.</summary>
    public static string Format(ReadOnlySpan<byte> md5)
    {
        var value = BinaryPrimitives.ReadUInt128BigEndian(md5);
        Span<char> digits = stackalloc char[27]; // 36^25 > 2^128
        int at = digits.Length;
        do
        {
            int digit = (int)(value % 36);
            digits[--at] = (char)(digit < 10 ? '0' + digit : 'A' + digit - 10);
            value /= 36;
        }
        while (value > 0);
        return "\"" + new string(digits[at..]) + "\"";
    }
}
