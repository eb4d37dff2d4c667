using System.Text.Json;
using CouchJs.Config;

namespace CouchJs.Database.Users;

/// <summary>
/// What authenticating a user needs (couch_auth_cache's user props): roles, the salt, and the stored
/// hash in <c>[admins]</c> form (<c>-pbkdf2:prf-key,salt,iterations</c> or <c>-hashed-sha,salt</c>) so
/// one verifier serves admins and user documents. <see cref="Stored"/> is null when the document holds
/// no usable hash: no password then matches.
/// </summary>
public sealed record UserCredentials(IReadOnlyList<string> Roles, string Salt, string? Stored, long? Iterations, string? Prf, TotpSettings? Totp)
{
    public const string AdminRole = "_admin";

    /// <summary>A server admin from its <c>[admins]</c> value; null when the value is no hash (plain text not hashed yet).</summary>
    public static UserCredentials? FromAdmin(string stored)
    {
        if (!StoredPassword.TryParse(stored, out var parsed)) return null;
        bool simple = parsed!.Scheme == StoredPassword.SimpleScheme;
        return new UserCredentials([AdminRole], parsed.Salt, stored, simple ? null : parsed.Iterations, simple ? null : parsed.Prf, null);
    }

    /// <summary>
    /// A user from its document body, read as couch_httpd_auth does: scheme <c>simple</c> unless set,
    /// <c>iterations</c> 10000 and <c>pbkdf2_prf</c> <c>sha</c> when missing (documents from before 3.4).
    /// </summary>
    public static UserCredentials FromDocument(JsonElement doc)
    {
        var roles = doc.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray()
            : [];
        string salt = Text(doc, "salt") ?? "";
        var totp = doc.TryGetProperty("totp", out var t) && t.ValueKind == JsonValueKind.Object ? TotpSettings.From(t) : null;
        string scheme = Text(doc, "password_scheme") ?? StoredPassword.SimpleScheme;
        if (scheme == StoredPassword.SimpleScheme)
        {
            string? sha = Text(doc, "password_sha");
            return new UserCredentials(roles, salt, sha is null ? null : $"-hashed-{sha},{salt}", null, null, totp);
        }
        if (scheme != StoredPassword.Pbkdf2Scheme) return new UserCredentials(roles, salt, null, null, null, totp);
        string prf = Text(doc, "pbkdf2_prf") ?? "sha";
        long? iterations = !doc.TryGetProperty("iterations", out var it) ? 10_000
            : it.ValueKind == JsonValueKind.Number && it.TryGetInt64(out long n) ? n : null;
        string? key = Text(doc, "derived_key");
        string? stored = key is null || iterations is null ? null : $"-pbkdf2:{prf}-{key},{salt},{iterations}";
        return new UserCredentials(roles, salt, stored, iterations, prf, totp);
    }

    /// <summary>An admin who also has a user document gets that document's roles after <c>_admin</c>.</summary>
    public UserCredentials WithExtraRoles(IReadOnlyList<string> roles) => this with { Roles = [.. Roles, .. roles] };

    private static string? Text(JsonElement doc, string name) =>
        doc.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
