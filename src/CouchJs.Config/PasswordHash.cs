using System.Security.Cryptography;
using System.Text;

namespace CouchJs.Config;

/// <summary>
/// CouchDB's admin password hashes (couch_passwords.erl). New hashes are
/// <c>-pbkdf2:sha256-&lt;derived key hex&gt;,&lt;salt&gt;,&lt;iterations&gt;</c> with a key as long as
/// the PRF's output and a salt of 32 random hex characters used as text, as CouchDB 3.4 writes
/// them; older forms still verify (see <see cref="StoredPassword"/>).
/// </summary>
public static class PasswordHash
{
    /// <summary>CouchDB 3.4's <c>[chttpd_auth] iterations</c>: about 0.3 s per hash, hence <see cref="CredentialCache"/>.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>CouchDB 3.4's <c>[chttpd_auth] pbkdf2_prf</c>.</summary>
    public const string DefaultPrf = "sha256";

    private const int SaltBytes = 16;

    /// <summary>Hashes <paramref name="password"/> with PBKDF2 and a fresh salt.</summary>
    /// <exception cref="ArgumentException"><paramref name="prf"/> is not sha, sha256, sha384 or sha512.</exception>
    public static string Hash(string password, int iterations, string prf = DefaultPrf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var algorithm = Algorithm(prf) ?? throw new ArgumentException($"unsupported PBKDF2 PRF '{prf}'", nameof(prf));
        string salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));
        byte[] key = Pbkdf2(password, salt, iterations, algorithm);
        return $"-pbkdf2:{prf}-{Convert.ToHexStringLower(key)},{salt},{iterations}";
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="stored"/>, compared in constant
    /// time. False for anything unparseable, including plain text and PRFs .NET lacks (sha224).
    /// </summary>
    public static bool Verify(string password, string stored)
    {
        if (!StoredPassword.TryParse(stored, out var parsed)) return false;
        byte[] actual;
        if (parsed!.Scheme == StoredPassword.SimpleScheme)
        {
            actual = SHA1.HashData(Encoding.UTF8.GetBytes(password + parsed.Salt));
        }
        else
        {
            if (Algorithm(parsed.Prf) is not { } algorithm) return false;
            // CouchDB always derives the PRF's output length; a key of another length never matches.
            if (parsed.Key.Length != OutputLength(algorithm)) return false;
            actual = Pbkdf2(password, parsed.Salt, parsed.Iterations, algorithm);
        }
        return CryptographicOperations.FixedTimeEquals(actual, parsed.Key);
    }

    /// <summary>
    /// The PBKDF2 key of <paramref name="password"/> with a given salt (used as text), as long as the
    /// PRF's output: what a user document's <c>derived_key</c> holds in hex.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="prf"/> is not sha, sha256, sha384 or sha512.</exception>
    public static byte[] DeriveKey(string password, string salt, int iterations, string prf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var algorithm = Algorithm(prf) ?? throw new ArgumentException($"unsupported PBKDF2 PRF '{prf}'", nameof(prf));
        return Pbkdf2(password, salt, iterations, algorithm);
    }

    /// <inheritdoc cref="StoredPassword.IsHashed"/>
    public static bool IsHashed(string value) => StoredPassword.IsHashed(value);

    /// <summary>Whether <see cref="Hash"/> can use <paramref name="prf"/> (all of CouchDB's but sha224, which .NET lacks).</summary>
    public static bool SupportsPrf(string prf) => Algorithm(prf) is not null;

    private static byte[] Pbkdf2(string password, string salt, int iterations, HashAlgorithmName algorithm) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), iterations, algorithm, OutputLength(algorithm));

    private static HashAlgorithmName? Algorithm(string prf) => prf switch
    {
        "sha" => HashAlgorithmName.SHA1,
        "sha256" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static int OutputLength(HashAlgorithmName algorithm) =>
        algorithm == HashAlgorithmName.SHA1 ? SHA1.HashSizeInBytes
        : algorithm == HashAlgorithmName.SHA256 ? SHA256.HashSizeInBytes
        : algorithm == HashAlgorithmName.SHA384 ? SHA384.HashSizeInBytes
        : SHA512.HashSizeInBytes;
}
