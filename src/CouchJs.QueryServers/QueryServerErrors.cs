namespace CouchJs.QueryServers;

/// <summary>
/// The errors CouchDB raises around a query server rather than in it (couch_os_process,
/// couch_proc_manager), with CouchDB's names and reasons as they reach HTTP clients.
/// </summary>
public static class QueryServerErrors
{
    /// <summary>couch_os_process's name for anything wrong with the engine itself (timeout, death, garbage).</summary>
    public const string OsProcessError = "os_process_error";

    /// <summary>The reason couch_os_process gives when an answer takes longer than <c>os_process_timeout</c>.</summary>
    public const string TimedOutReason = "OS process timed out.";

    /// <summary>An answer did not come within <c>[couchdb] os_process_timeout</c>; the engine is gone.</summary>
    public static QueryServerException TimedOut() => new(OsProcessError, TimedOutReason, fatal: true);

    /// <summary>The process exited (or closed its output) before answering: CouchDB's <c>{exit_status, N}</c>.</summary>
    public static QueryServerException ProcessExited(int status) => new(OsProcessError, "{exit_status," + status + "}", fatal: true);

    /// <summary>The engine answered something the protocol does not allow at this point.</summary>
    public static QueryServerException BadAnswer(string what) => new(OsProcessError, what, fatal: true);

    /// <summary>A design doc's language that no <c>[query_servers]</c> entry (or COUCHDB_QUERY_SERVER_* variable) names.</summary>
    public static QueryServerException UnknownLanguage(string language) => new("unknown_query_language", language);
}
