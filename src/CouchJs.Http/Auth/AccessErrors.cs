using CouchJs.Database;

namespace CouchJs.Http.Auth;

/// <summary>CouchDB's refusals: 401 <c>unauthorized</c> for anonymous callers, 403 <c>forbidden</c> for known users (couch_db:throw_security_error).</summary>
public static class AccessErrors
{
    public const string NotServerAdmin = "You are not a server admin.";
    public const string NotDbAdmin = "You are not a db or server admin.";
    public const string NotServerOrDbAdmin = "You are not a server or db admin.";

    public static CouchException Security(UserContext user, string reason) =>
        user.Name is null ? Unauthorized(reason) : new CouchException(403, "forbidden", reason);

    /// <summary>Not a member: "You are not authorized to access this db." (anonymous) or "You are not allowed to access this db.".</summary>
    public static CouchException NotMember(UserContext user) =>
        Security(user, user.Name is null ? "You are not authorized to access this db." : "You are not allowed to access this db.");

    public static CouchException Unauthorized(string reason) => new(401, "unauthorized", reason);
}
