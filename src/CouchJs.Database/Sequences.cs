using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CouchJs.Database;

/// <summary>
/// Update sequences as CouchDB 3.x shows them: strings <c>"N-opaque"</c>. Clients treat them as
/// opaque; CouchJs reads N back, and accepts plain numbers, <c>"N"</c> and <c>now</c> too.
/// </summary>
public static class Sequences
{
    // CouchDB's opaque part is an encoded shard map; a fixed token keeps CouchJs's seqs the same shape,
    // then the seq's 8 bytes in unpadded base64url so two seqs never look alike past the number.
    private const string Opaque = "g1AAAAB";

    /// <summary>The longest <see cref="FormatUtf8"/> output: 20 digits, '-', the opaque prefix and 11 base64 characters.</summary>
    public const int MaxUtf8Length = 40;

    public static string Format(long seq)
    {
        Span<byte> text = stackalloc byte[MaxUtf8Length];
        return Encoding.UTF8.GetString(text[..FormatUtf8(seq, text)]);
    }

    /// <summary>Writes the seq string's UTF-8 bytes without allocating (changes feeds write one per row); returns their count.</summary>
    public static int FormatUtf8(long seq, Span<byte> destination)
    {
        seq.TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
        destination[n++] = (byte)'-';
        n += Encoding.ASCII.GetBytes(Opaque, destination[n..]);
        Span<byte> raw = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(raw, seq);
        return n + Base64Url.EncodeToUtf8(raw, destination[n..]);
    }

    /// <summary>Parses a <c>since</c>-style value; null when it is not a sequence.</summary>
    public static long? TryParse(string text)
    {
        int dash = text.IndexOf('-');
        string number = dash > 0 ? text[..dash] : text;
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long seq) ? seq : null;
    }
}
