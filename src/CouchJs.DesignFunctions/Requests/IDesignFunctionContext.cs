using CouchJs.Database;

namespace CouchJs.DesignFunctions.Requests;

/// <summary>
/// What design functions need from the request layer that this one does not know: the user of the
/// request being served (validate_doc_update's userCtx) and a database's security object (secObj, the
/// stored one or the configured default).
/// </summary>
public interface IDesignFunctionContext
{
    /// <summary>The user the current write is made for; <see cref="UserCtx.ServerAdmin"/> outside requests.</summary>
    UserCtx CurrentUser { get; }

    /// <summary>The security object JSON <paramref name="reader"/>'s snapshot of <paramref name="db"/> answers to.</summary>
    byte[] SecurityJson(CouchDatabase db, DbReader reader);
}
