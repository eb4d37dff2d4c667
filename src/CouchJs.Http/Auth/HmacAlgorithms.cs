using System.Security.Cryptography;
using CouchJs.Config;

namespace CouchJs.Http.Auth;

/// <summary>
/// <c>[chttpd_auth] hash_algorithms</c> (couch_util:get_config_hash_algorithms): the HMACs of session
/// cookies and proxy tokens. New cookies are signed with the first; any listed one is accepted. Names
/// are Erlang crypto's (<c>sha</c> is SHA-1); names this platform cannot compute are left out, and an
/// empty result falls back to CouchDB's default <c>sha256, sha</c>.
/// </summary>
public static class HmacAlgorithms
{
    public const string Default = "sha256, sha";

    public delegate byte[] Hmac(byte[] key, byte[] message);

    private static Parsed _parsed = new(Default, Parse(Default));

    /// <summary>The configured HMACs, the one new cookies are signed with first; parsed again only when the setting changes.</summary>
    public static IReadOnlyList<Hmac> Configured(CouchConfig config)
    {
        string setting = config.Get("chttpd_auth", "hash_algorithms", Default);
        var parsed = Volatile.Read(ref _parsed);
        if (parsed.Setting == setting) return parsed.Algorithms;
        var list = Parse(setting);
        if (list.Count == 0) list = Parse(Default);
        Volatile.Write(ref _parsed, new Parsed(setting, list));
        return list;
    }

    private sealed record Parsed(string Setting, IReadOnlyList<Hmac> Algorithms);

    private static List<Hmac> Parse(string setting)
    {
        var list = new List<Hmac>();
        foreach (string name in setting.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (Named(name) is { } hmac) list.Add(hmac);
        return list;
    }

    private static Hmac? Named(string name) => name switch
    {
        "sha" => HMACSHA1.HashData,
        "sha256" => HMACSHA256.HashData,
        "sha384" => HMACSHA384.HashData,
        "sha512" => HMACSHA512.HashData,
        "md5" => HMACMD5.HashData,
        "sha3_256" when HMACSHA3_256.IsSupported => HMACSHA3_256.HashData,
        "sha3_384" when HMACSHA3_384.IsSupported => HMACSHA3_384.HashData,
        "sha3_512" when HMACSHA3_512.IsSupported => HMACSHA3_512.HashData,
        _ => null,
    };
}
