using System.Globalization;

namespace CouchJs.Config;

/// <summary>
/// An admin password as CouchDB stores it in <c>[admins]</c>:
/// <list type="bullet">
/// <item><c>-pbkdf2:&lt;prf&gt;-&lt;key hex&gt;,&lt;salt&gt;,&lt;iterations&gt;</c> (3.4+; prf sha, sha224, sha256, sha384, sha512),</item>
/// <item><c>-pbkdf2-&lt;key hex&gt;,&lt;salt&gt;,&lt;iterations&gt;</c> (before 3.4: PBKDF2-HMAC-SHA1),</item>
/// <item><c>-hashed-&lt;sha1 hex&gt;,&lt;salt&gt;</c> (the legacy "simple" scheme: SHA1 of password then salt).</item>
/// </list>
/// The salt is used as the text it is (CouchDB's salts are 32 hex characters, never decoded).
/// </summary>
public sealed record StoredPassword(string Scheme, string Prf, byte[] Key, string Salt, int Iterations)
{
    public const string Pbkdf2Scheme = "pbkdf2";
    public const string SimpleScheme = "simple";

    private const string SimplePrefix = "-hashed-";
    private const string Sha1Pbkdf2Prefix = "-pbkdf2-";
    private const string PrfPbkdf2Prefix = "-pbkdf2:";

    /// <summary>The PRFs CouchDB writes after <c>-pbkdf2:</c> (crypto's names: <c>sha</c> is SHA-1).</summary>
    public static readonly IReadOnlyList<string> Prfs = ["sha", "sha224", "sha256", "sha384", "sha512"];

    /// <summary>
    /// Whether <paramref name="value"/> starts like a hash CouchDB wrote; anything else in
    /// <c>[admins]</c> is a plain-text password to hash (couch_passwords:get_unhashed_admins).
    /// </summary>
    public static bool IsHashed(string value) =>
        value.StartsWith(SimplePrefix, StringComparison.Ordinal)
        || value.StartsWith(Sha1Pbkdf2Prefix, StringComparison.Ordinal)
        || Prfs.Any(prf => value.StartsWith($"{PrfPbkdf2Prefix}{prf}-", StringComparison.Ordinal));

    public static bool TryParse(string stored, out StoredPassword? parsed)
    {
        parsed = null;
        if (stored.StartsWith(SimplePrefix, StringComparison.Ordinal))
            return TryParts(stored[SimplePrefix.Length..], SimpleScheme, "sha", 2, out parsed);
        if (stored.StartsWith(Sha1Pbkdf2Prefix, StringComparison.Ordinal))
            return TryParts(stored[Sha1Pbkdf2Prefix.Length..], Pbkdf2Scheme, "sha", 3, out parsed);
        if (!stored.StartsWith(PrfPbkdf2Prefix, StringComparison.Ordinal)) return false;
        string rest = stored[PrfPbkdf2Prefix.Length..];
        int dash = rest.IndexOf('-');
        if (dash < 0 || !Prfs.Contains(rest[..dash])) return false;
        return TryParts(rest[(dash + 1)..], Pbkdf2Scheme, rest[..dash], 3, out parsed);
    }

    private static bool TryParts(string text, string scheme, string prf, int count, out StoredPassword? parsed)
    {
        parsed = null;
        // Like Erlang's string:tokens, which CouchDB uses here: empty fields vanish.
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count || parts[0].Length % 2 != 0 || !parts[0].All(char.IsAsciiHexDigit)) return false;
        int iterations = 1;
        if (count == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1))
            return false;
        parsed = new StoredPassword(scheme, prf, Convert.FromHexString(parts[0]), parts[1], iterations);
        return true;
    }
}
