namespace CouchJs.QueryServers.External;

/// <summary>How to start a line-protocol query server process.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments, passed as they are (no shell).</param>
/// <param name="Display">The command as configured, for logs and errors.</param>
public sealed record ExternalCommand(string FileName, IReadOnlyList<string> Arguments, string Display)
{
    /// <summary>A configured command line, run through the shell as CouchDB's <c>open_port({spawn, Command})</c> does.</summary>
    public static ExternalCommand Shell(string commandLine) =>
        OperatingSystem.IsWindows()
            ? new ExternalCommand("cmd.exe", ["/c", commandLine], commandLine)
            : new ExternalCommand("/bin/sh", ["-c", commandLine], commandLine);

    /// <summary>The bundled Node.js/V8 query server: <c>node main.js</c>.</summary>
    public static ExternalCommand Node(string mainJs) => new("node", [mainJs], "node " + mainJs);
}
