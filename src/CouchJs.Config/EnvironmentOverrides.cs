namespace CouchJs.Config;

/// <summary>
/// Settings from environment variables, the highest layer: <c>COUCHJS_&lt;SECTION&gt;__&lt;KEY&gt;=value</c>
/// sets <c>[section] key</c> (both lowercased; the first <c>__</c> separates them, so sections may
/// contain single underscores: <c>COUCHJS_CHTTPD_AUTH__TIMEOUT</c>). Empty values are ignored, as in
/// ini files. Sections or keys that need upper case or <c>:</c> (<c>[cors:…]</c>, admin names) must
/// go in an ini file. The admin from <c>COUCHDB_USER</c>/<c>COUCHDB_PASSWORD</c> is handled apart
/// (<see cref="CouchConfig"/>), because it must end up hashed in local.ini rather than re-read in
/// plain text on every start.
/// </summary>
internal static class EnvironmentOverrides
{
    public const string Prefix = "COUCHJS_";
    public const string Separator = "__";
    public const string AdminUser = "COUCHDB_USER";
    public const string AdminPassword = "COUCHDB_PASSWORD";

    public static IniData Parse(IReadOnlyDictionary<string, string>? environment, Action<string> warn)
    {
        var data = new IniData();
        if (environment is null) return data;
        // Sorted so that new sections appear in the same order on every start.
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
            string rest = name[Prefix.Length..];
            int sep = rest.IndexOf(Separator, StringComparison.Ordinal);
            if (sep <= 0 || sep + Separator.Length == rest.Length)
            {
                warn($"environment: {name} is not {Prefix}<SECTION>{Separator}<KEY>; ignored");
                continue;
            }
            string trimmed = value.Trim();
            if (trimmed.Length == 0) continue;
            data.Set(rest[..sep].ToLowerInvariant(), rest[(sep + Separator.Length)..].ToLowerInvariant(), trimmed);
        }
        return data;
    }

    /// <summary>The admin named by <c>COUCHDB_USER</c>/<c>COUCHDB_PASSWORD</c>, when both are set.</summary>
    public static (string User, string Password)? Admin(IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null) return null;
        string user = environment.GetValueOrDefault(AdminUser, "");
        string password = environment.GetValueOrDefault(AdminPassword, "");
        return user.Length > 0 && password.Length > 0 ? (user, password) : null;
    }
}
