using System.Security.Cryptography;
using CouchJs.Config;

namespace CouchJs.Http.Auth;

/// <summary>
/// <c>[chttpd_auth] secret</c>, the key of session cookies and proxy tokens: when none is set, one is
/// made (32 random hex characters, like couch_uuids:random) and saved to local.ini, as CouchDB does.
/// </summary>
public static class AuthSecret
{
    public static string? Get(CouchConfig config) => config.Get("chttpd_auth", "secret", "") is { Length: > 0 } secret ? secret : null;

    public static string Ensure(CouchConfig config)
    {
        if (Get(config) is { } secret) return secret;
        secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        config.Set("chttpd_auth", "secret", secret);
        return secret;
    }
}
