using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CouchJs.Config;
using CouchJs.Database.Mango;

namespace CouchJs.Database.Users;

/// <summary>
/// couch_users_db:save_doc: a user document written with a <c>password</c> is stored with its hash
/// instead. The hash members come first (<c>password_scheme</c>, <c>pbkdf2_prf</c>, <c>salt</c>,
/// <c>iterations</c>, <c>derived_key</c> for pbkdf2; <c>password_scheme</c>, <c>salt</c>,
/// <c>password_sha</c> for the legacy simple scheme), then the other members without any earlier
/// hash members. The salt is 32 random hex characters, or the document's own with <c>preserve_salt</c>.
/// </summary>
public static class UserPasswords
{
    // Stored as sent: no escaping of quotes, < > & or non-ASCII text.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] HashMembers =
        ["derived_key", "iterations", "password", "password_scheme", "password_sha", "preserve_salt", "pbkdf2_prf", "salt"];

    /// <summary>The body to store, or null when it has no password (absent or null) and is stored as sent.</summary>
    public static byte[]? Hash(byte[] body, PasswordSettings settings)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.TryGetProperty("password", out var password) || password.ValueKind == JsonValueKind.Null) return null;
        if (password.ValueKind != JsonValueKind.String)
            throw Forbidden($"Password value of '{ErlangTerm.Format(password)}' is invalid.");
        string clear = password.GetString()!;
        PasswordRules.Check(clear, settings.Regexps);

        string salt = root.TryGetProperty("preserve_salt", out var preserve) && preserve.ValueKind == JsonValueKind.True
            && root.TryGetProperty("salt", out var own) && own.ValueKind == JsonValueKind.String
            ? own.GetString()!
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

        var output = new ArrayBufferWriter<byte>(body.Length + 256);
        using (var w = new Utf8JsonWriter(output, WriterOptions))
        {
            w.WriteStartObject();
            WriteHash(w, clear, salt, settings);
            foreach (var member in root.EnumerateObject())
                if (!HashMembers.Contains(member.Name)) member.WriteTo(w);
            w.WriteEndObject();
        }
        return output.WrittenSpan.ToArray();
    }

    private static void WriteHash(Utf8JsonWriter w, string password, string salt, PasswordSettings settings)
    {
        switch (settings.Scheme)
        {
            case StoredPassword.SimpleScheme:
                w.WriteString("password_scheme", StoredPassword.SimpleScheme);
                w.WriteString("salt", salt);
                w.WriteString("password_sha", Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(password + salt))));
                break;
            case StoredPassword.Pbkdf2Scheme when PasswordHash.SupportsPrf(settings.Prf) && settings.Iterations > 0:
                w.WriteString("password_scheme", StoredPassword.Pbkdf2Scheme);
                w.WriteString("pbkdf2_prf", settings.Prf);
                w.WriteString("salt", salt);
                w.WriteNumber("iterations", settings.Iterations);
                w.WriteString("derived_key", Convert.ToHexStringLower(PasswordHash.DeriveKey(password, salt, settings.Iterations, settings.Prf)));
                break;
            default:
                throw Forbidden(PasswordRules.ServerError);
        }
    }

    private static CouchException Forbidden(string reason) => new(403, "forbidden", reason);
}
