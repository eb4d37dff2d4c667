using System.Collections.Concurrent;
using System.Diagnostics;

namespace CouchJs.QueryServers.External;

/// <summary>The V8 version of the <c>node</c> that runs the bundled query server, asked once.</summary>
internal static class NodeVersion
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, Lazy<string>> Known = new(StringComparer.Ordinal);

    /// <summary><c>process.versions.v8</c> (e.g. "11.3.244.8-node.34"), or "" when node cannot be run.</summary>
    public static string V8(string node = "node") => Known.GetOrAdd(node, n => new Lazy<string>(() => Ask(n))).Value;

    private static string Ask(string node)
    {
        var info = new ProcessStartInfo(node) { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-p");
        info.ArgumentList.Add("process.versions.v8");
        try
        {
            using var process = Process.Start(info);
            if (process is null) return "";
            string version = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(Wait) && process.ExitCode == 0 ? version : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
