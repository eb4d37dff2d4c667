namespace CouchJs.Http.Auth;

/// <summary>
/// The user of the request being served, for checks that run below the HTTP layer (document write
/// guards), as CouchDB's database handle carries the request's user_ctx. Null outside requests: work
/// the server does on its own (setup, the users database's design document) acts as an admin.
/// </summary>
public static class RequestUser
{
    private static readonly AsyncLocal<UserContext?> Ambient = new();

    public static UserContext? Current => Ambient.Value;

    /// <summary>Sets the user for the rest of this request's async flow.</summary>
    public static void Set(UserContext user) => Ambient.Value = user;
}
