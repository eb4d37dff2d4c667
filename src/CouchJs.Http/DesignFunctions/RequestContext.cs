using CouchJs.Database;
using CouchJs.DesignFunctions.Requests;
using CouchJs.Http.Auth;

namespace CouchJs.Http.DesignFunctions;

/// <summary>Design functions' view of the request being served: its user (<see cref="RequestUser"/>) and the databases' security objects.</summary>
public sealed class RequestContext(DbSecurity security) : IDesignFunctionContext
{
    public UserCtx CurrentUser => RequestUser.Current is { } user ? ToUserCtx(user) : UserCtx.ServerAdmin;

    public byte[] SecurityJson(CouchDatabase db, DbReader reader) => security.Json(reader);

    public static UserCtx ToUserCtx(UserContext user) => new(user.Name, user.Roles);
}
