using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Http.Auth.Jwt;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

/// <summary>
/// chttpd:authenticate_request: the configured handlers (<see cref="AuthHandlers"/>) are tried in order
/// until one names the user; a handler that finds bad credentials ends the request with its error.
/// Then party_mode_handler: <c>[chttpd] require_valid_user</c> refuses anonymous requests (except a
/// login: <c>POST /_session</c>), <c>require_valid_user_except_for_up</c> too but lets <c>/_up</c> through;
/// with no server admin at all everyone is one (CouchDB's admin party).
/// </summary>
public sealed partial class Authenticator(CouchConfig config, CredentialStore credentials, PasswordVerifier passwords, JwtKeys jwtKeys, TimeProvider time)
{
    public const string AuthenticationRequired = "Authentication required.";

    /// <summary>The server's authenticator: users from <c>[admins]</c> and the authentication database.</summary>
    public static Authenticator Create(CouchConfig config, DatabaseServer databases, TimeProvider time) => new(
        config,
        new CredentialStore(config, databases),
        new PasswordVerifier(config, new AuthLockout(config, time), CredentialCache.FromConfig(config, time)),
        new JwtKeys(config),
        time);

    public CredentialStore Credentials { get; } = credentials;

    public PasswordVerifier Passwords { get; } = passwords;

    public TimeProvider Time { get; } = time;

    public Authentication Authenticate(HttpContext context, RequestPath path)
    {
        foreach (string handler in AuthHandlers.Names(config))
        {
            var result = handler switch
            {
                "cookie" => Cookie(context.Request),
                "default" => Basic(context),
                "proxy" => Proxy(context.Request),
                "jwt" => Jwt(context.Request),
                _ => null,
            };
            if (result is not null) return result with { User = result.User with { Handler = handler } };
        }
        return new Authentication(PartyMode(context.Request.Method, path), null);
    }

    private UserContext PartyMode(string method, RequestPath path)
    {
        bool login = method == "POST" && path.Count == 1 && path[0] == "_session";
        bool requireUser = config.GetBool("chttpd", "require_valid_user", false);
        bool exceptUp = config.GetBool("chttpd", "require_valid_user_except_for_up", false);
        bool required = path.Count == 1 && path[0] == "_up" ? requireUser && !exceptUp : requireUser || exceptUp;
        if (required && !login) throw AccessErrors.Unauthorized(AuthenticationRequired);
        return !login && config.Section(CouchConfig.AdminsSection).Count == 0 ? new UserContext(null, [Database.Users.UserCredentials.AdminRole]) : UserContext.Anonymous;
    }
}

/// <summary>The request's user, and when they came with a session cookie due for renewal, the key to sign the new one with.</summary>
public sealed record Authentication(UserContext User, byte[]? RenewCookieWith);
