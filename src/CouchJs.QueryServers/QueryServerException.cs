namespace CouchJs.QueryServers;

/// <summary>
/// An error a query server reported (["error", name, reason]) or one raised around it
/// (os_process_timeout, a dead process). <see cref="Error"/> is CouchDB's error name as sent to
/// HTTP clients (compilation_error, os_process_timeout, render_error, …). Fatal errors mean the
/// engine instance must not be reused.
/// </summary>
public sealed class QueryServerException(string error, string reason, bool fatal = false) : Exception($"{error}: {reason}")
{
    public string Error { get; } = error;

    public string Reason { get; } = reason;

    public bool Fatal { get; } = fatal;
}
