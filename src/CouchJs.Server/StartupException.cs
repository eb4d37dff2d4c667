namespace CouchJs.Server;

/// <summary>A setup problem the operator must fix; its message says how.</summary>
public sealed class StartupException(string message) : Exception(message);
