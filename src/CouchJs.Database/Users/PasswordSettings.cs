using CouchJs.Config;

namespace CouchJs.Database.Users;

/// <summary>
/// How new user passwords are hashed (<c>[chttpd_auth] password_scheme</c>, <c>pbkdf2_prf</c>,
/// <c>iterations</c>) and which they must match (<c>password_regexp</c>), read when a password is set.
/// </summary>
public sealed record PasswordSettings(string Scheme, string Prf, int Iterations, string Regexps)
{
    public static PasswordSettings From(CouchConfig config) => new(
        config.Get("chttpd_auth", "password_scheme", "pbkdf2"),
        config.Get("chttpd_auth", "pbkdf2_prf", PasswordHash.DefaultPrf),
        config.GetInt("chttpd_auth", "iterations", PasswordHash.DefaultIterations),
        config.Get("chttpd_auth", "password_regexp", ""));
}
