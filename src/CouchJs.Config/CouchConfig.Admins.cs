namespace CouchJs.Config;

public sealed partial class CouchConfig
{
    public const string AdminsSection = "admins";

    /// <summary>
    /// Replaces every plain-text password in <c>[admins]</c> with a PBKDF2 hash and persists it to
    /// the writable file, as CouchDB does at start (couch_password_hasher). Uses
    /// <c>[chttpd_auth] iterations</c> and <c>pbkdf2_prf</c>. Each hash is deliberately slow
    /// (~0.3 s at 600000 iterations): call it once at startup, off the request path. A password
    /// changed meanwhile by someone else is left alone. Returns how many were hashed.
    /// </summary>
    public int HashPlaintextAdmins()
    {
        int hashed = 0;
        foreach (var (user, password) in Section(AdminsSection))
        {
            if (PasswordHash.IsHashed(password)) continue;
            try
            {
                ConfigValidation.Check(AdminsSection, user, "");
            }
            catch (InvalidConfigException)
            {
                _warnings.Add($"[admins] '{user}': a name CouchDB's config cannot store; its password stays plain text in memory");
                continue;
            }
            string hash = HashAdminPassword(password);
            if (Apply(AdminsSection, user, hash, persist: true, current => current == password, out _)) hashed++;
        }
        return hashed;
    }

    /// <summary>
    /// An admin's password as <c>[admins]</c> stores it: hashed with <c>[chttpd_auth] iterations</c> and
    /// <c>pbkdf2_prf</c> (unusable values give CouchDB's defaults and a warning); a value already hashed
    /// stays as it is. Slow by design.
    /// </summary>
    public string HashAdminPassword(string password)
    {
        if (PasswordHash.IsHashed(password)) return password;
        int iterations = GetInt("chttpd_auth", "iterations", PasswordHash.DefaultIterations);
        if (iterations < 1)
        {
            _warnings.Add($"[chttpd_auth] iterations = {iterations} is not positive; using {PasswordHash.DefaultIterations}");
            iterations = PasswordHash.DefaultIterations;
        }
        string prf = Get("chttpd_auth", "pbkdf2_prf", PasswordHash.DefaultPrf);
        if (!PasswordHash.SupportsPrf(prf))
        {
            _warnings.Add($"[chttpd_auth] pbkdf2_prf = {prf} is not supported; using {PasswordHash.DefaultPrf}");
            prf = PasswordHash.DefaultPrf;
        }
        return PasswordHash.Hash(password, iterations, prf);
    }

    /// <summary>
    /// The official CouchDB container's admin: added (in plain text, in memory) only when the user
    /// has no entry yet, so a password changed later through the API is not reset on restart.
    /// </summary>
    private void AddEnvironmentAdmin(IReadOnlyDictionary<string, string>? environment)
    {
        if (EnvironmentOverrides.Admin(environment) is not { } admin || Get(AdminsSection, admin.User) is not null) return;
        _snapshot = _snapshot.With(AdminsSection, admin.User, admin.Password);
    }
}
