using CouchJs.Database.Users;

namespace CouchJs.Http.Auth;

/// <summary>
/// Who made a request: CouchDB's userCtx (<c>name</c> null for anonymous, <c>roles</c>), and the
/// authentication handler that named the user (<c>GET /_session</c>'s <c>info.authenticated</c>).
/// </summary>
public sealed record UserContext(string? Name, IReadOnlyList<string> Roles)
{
    public static readonly UserContext Anonymous = new(null, []);

    /// <summary>Handler name (<c>cookie</c>, <c>default</c>, <c>proxy</c>, <c>jwt</c>), null when none named the user.</summary>
    public string? Handler { get; init; }

    public bool IsAdmin => Roles.Contains(UserCredentials.AdminRole);
}
