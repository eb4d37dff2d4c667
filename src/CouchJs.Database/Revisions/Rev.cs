using System.Globalization;

namespace CouchJs.Database.Revisions;

/// <summary>A revision id <c>Pos-Hash</c> (couch_doc:parse_rev / rev_to_str).</summary>
public readonly record struct Rev(long Pos, string Hash) : IComparable<Rev>
{
    /// <summary>
    /// Parses <c>3-abc</c>: a non-negative integer without sign, '-', then a hash as
    /// <see cref="TryParseHash"/> accepts it. Anything else is CouchDB's "Invalid rev format".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Rev rev)
    {
        rev = default;
        int dash = text.IndexOf('-');
        if (dash <= 0) return false;
        if (!long.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out long pos)) return false;
        if (!TryParseHash(text[(dash + 1)..], out string hash)) return false;
        rev = new Rev(pos, hash);
        return true;
    }

    /// <summary>
    /// One id as in <c>_revisions.ids</c>: non-empty; a 32-char id must be hex and comes back in
    /// lowercase (CouchDB stores it as 16 bytes), any other id is kept as sent.
    /// </summary>
    public static bool TryParseHash(ReadOnlySpan<char> text, out string hash) => RevHash.TryNormalize(text, out hash);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pos}-{Hash}");

    /// <summary>By position, then by the hashes' binary forms compared bytewise, as CouchDB orders revs.</summary>
    public int CompareTo(Rev other)
    {
        int byPos = Pos.CompareTo(other.Pos);
        return byPos != 0 ? byPos : RevHash.Compare(Hash, other.Hash);
    }
}
