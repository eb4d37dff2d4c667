using CouchJs.Database;
using CouchJs.QueryServers;

namespace CouchJs.DesignFunctions.Engines;

/// <summary>
/// A query server's error as the HTTP client gets it. couch_os_process throws <c>{Name, Reason}</c>
/// for <c>["error", Name, Reason]</c>, and chttpd:error_info gives the names it knows their status
/// (not_found 404, forbidden 403, …); every other name is a 500 with that name and reason
/// (render_error, compilation_error, os_process_error, a JavaScript error's name).
/// </summary>
public static class FunctionErrors
{
    public static CouchException ToCouch(QueryServerException e)
    {
        // {Error, null} is error_info(Error): a bare name, which chttpd reports as unknown_error.
        if (e.Reason == "null") return new CouchException(500, "unknown_error", e.Error);
        return new CouchException(Status(e.Error), e.Error, e.Reason);
    }

    /// <summary>chttpd:error_info's status for an error name.</summary>
    public static int Status(string error) => error switch
    {
        "bad_request" or "query_parse_error" => 400,
        "unauthorized" => 401,
        "forbidden" => 403,
        "not_found" => 404,
        "not_acceptable" => 406,
        "conflict" => 409,
        "missing_stub" => 412,
        _ => 500,
    };
}
