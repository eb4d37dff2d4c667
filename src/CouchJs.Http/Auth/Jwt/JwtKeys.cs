using System.Collections.Concurrent;
using System.Security.Cryptography;
using CouchJs.Config;
using CouchJs.Database;

namespace CouchJs.Http.Auth.Jwt;

/// <summary>
/// jwtf_keystore: the keys in <c>[jwt_keys]</c>, named <c>kty:kid</c> — <c>hmac:</c> a base64 secret,
/// <c>rsa:</c> and <c>ec:</c> a PEM public key with its line breaks written as <c>\n</c>. A token
/// without <c>kid</c> uses <c>_default</c>. The key type follows the token's algorithm, so an RSA or EC
/// public key can never serve as an HMAC secret. Parsed keys are kept by their configured text.
/// </summary>
public sealed class JwtKeys(CouchConfig config)
{
    public const string DefaultKid = "_default";

    private readonly ConcurrentDictionary<string, object> _parsed = new(StringComparer.Ordinal);

    /// <summary>The key for <paramref name="alg"/> and <paramref name="kid"/>: a byte[] secret, an <see cref="RSA"/> or an <see cref="ECDsa"/>.</summary>
    public object Get(string alg, string? kid)
    {
        string kty = alg.StartsWith("HS", StringComparison.Ordinal) ? "hmac"
            : alg.StartsWith("RS", StringComparison.Ordinal) ? "rsa"
            : alg.StartsWith("ES", StringComparison.Ordinal) ? "ec"
            : throw CouchException.BadRequest("Unknown kty");
        string name = kty + ":" + (kid ?? DefaultKid);
        string encoded = config.Get("jwt_keys", name) ?? throw CouchException.BadRequest("Unknown kid");
        return _parsed.GetOrAdd(kty + "\n" + encoded, _ => Parse(kty, encoded));
    }

    private static object Parse(string kty, string encoded)
    {
        if (kty == "hmac")
        {
            try
            {
                return Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw NotAValidKey();
            }
        }
        string pem = encoded.Replace("\\n", "\n", StringComparison.Ordinal);
        if (!pem.Contains("-----BEGIN", StringComparison.Ordinal)) throw NotAValidKey();
        return kty == "rsa" ? FromPem(RSA.Create(), pem, "RSA") : FromPem(ECDsa.Create(), pem, "EC");
    }

    private static T FromPem<T>(T key, string pem, string kind) where T : AsymmetricAlgorithm
    {
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw CouchException.BadRequest($"not an {kind} public key");
        }
    }

    private static CouchException NotAValidKey() => CouchException.BadRequest("Not a valid key");
}
