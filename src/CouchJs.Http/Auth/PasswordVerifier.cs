using System.Net;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Users;

namespace CouchJs.Http.Auth;

/// <summary>
/// couch_httpd_auth:authenticate: refuses a locked-out caller (<see cref="AuthLockout"/>), checks the
/// stored hash's PRF and iteration count against <c>[chttpd_auth] min_iterations</c> and
/// <c>max_iterations</c> (403 otherwise), then the password — fast when the same user passed with it
/// lately (<see cref="Config.CredentialCache"/>). Each failure counts towards the lockout; unknown users are
/// checked against nothing, so they fail the same way.
/// </summary>
public sealed class PasswordVerifier(CouchConfig config, AuthLockout lockout, Config.CredentialCache cache)
{
    private static readonly string[] Prfs = ["sha", "sha224", "sha256", "sha384", "sha512"];

    public bool Verify(IPAddress? peer, string user, string password, UserCredentials? credentials)
    {
        string salt = credentials?.Salt ?? "";
        lockout.ThrowIfLockedOut(peer, user, salt);
        bool ok = credentials?.Stored is { } stored && CheckHashSettings(credentials) && cache.Verify(user, password, stored);
        if (!ok) lockout.Failed(peer, user, salt);
        return ok;
    }

    private bool CheckHashSettings(UserCredentials credentials)
    {
        if (credentials.Prf is { } prf && !Prfs.Contains(prf)) throw Forbidden("PRF is invalid");
        if (credentials.Iterations is not { } iterations) return true;
        if (iterations < config.GetLong("chttpd_auth", "min_iterations", 1)) throw Forbidden("Iteration count is too low for this server");
        if (iterations > config.GetLong("chttpd_auth", "max_iterations", 1_000_000_000)) throw Forbidden("Iteration count is too high for this server");
        return true;
    }

    private static CouchException Forbidden(string reason) => new(403, "forbidden", reason);
}
