using System.Text.RegularExpressions;
using CouchJs.Config;
using CouchJs.Database;

namespace CouchJs.Http.Auth.Jwt;

/// <summary>
/// <c>[jwt_auth] required_claims</c> (couch_httpd_auth:get_configured_claims): claim names that must be
/// present, or <c>{iss, "value"}</c> pairs that must also match; <c>exp</c> when unset. A setting
/// CouchDB cannot read makes every JWT request fail with 500 <c>misconfigured_server</c>.
/// </summary>
public sealed partial record RequiredClaims(IReadOnlySet<string> Names, string? Issuer)
{
    private static readonly string[] Checks = ["alg", "exp", "iat", "iss", "kid", "nbf", "sig", "typ"];

    [GeneratedRegex("""([a-z]+)|\{([a-z]+)\s*,\s*"([^"]+)"\}""")]
    private static partial Regex Claim();

    public static RequiredClaims From(CouchConfig config)
    {
        string setting = config.Get("jwt_auth", "required_claims", "exp");
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? issuer = null;
        foreach (Match match in Claim().Matches(setting))
        {
            string name = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
            if (!Checks.Contains(name)) throw Misconfigured();
            names.Add(name);
            if (match.Groups[3].Success)
            {
                if (name != "iss") throw Misconfigured();
                issuer = match.Groups[3].Value;
            }
        }
        if (names.Count == 0 && setting.Trim().Length > 0) throw Misconfigured();
        return new RequiredClaims(names, issuer);
    }

    public bool Requires(string claim) => Names.Contains(claim);

    private static CouchException Misconfigured() => new(500, "misconfigured_server", "JWT is not configured correctly");
}
