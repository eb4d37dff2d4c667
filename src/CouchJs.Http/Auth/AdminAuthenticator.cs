using System.Text;
using CouchJs.Config;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// Basic authentication of server admins (<c>[admins]</c>, PBKDF2 hashes). Verifying a hash is slow
/// by design, so a verified (user, password) pair is remembered for as long as the stored hash stays
/// the same.
/// </summary>
public sealed class AdminAuthenticator(CouchConfig config)
{
    private readonly CredentialCache _verified = CredentialCache.FromConfig(config);

    public UserContext Authenticate(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return UserContext.Anonymous;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            throw Unauthorized();
        }
        int colon = decoded.IndexOf(':');
        if (colon < 0) throw Unauthorized();
        string user = decoded[..colon], password = decoded[(colon + 1)..];
        string? stored = config.Get("admins", user);
        if (stored is null || !_verified.Verify(user, password, stored)) throw Unauthorized();
        return new UserContext(user, ["_admin"]);
    }

    private static Database.CouchException Unauthorized() => new(401, "unauthorized", "Name or password is incorrect.");
}

/// <summary>Who made a request: CouchDB's userCtx (<c>name</c> null for anonymous, <c>roles</c>).</summary>
public sealed record UserContext(string? Name, IReadOnlyList<string> Roles)
{
    public static readonly UserContext Anonymous = new(null, []);

    public bool IsAdmin => Roles.Contains("_admin");
}
