using CouchJs.QueryServers.External;

namespace CouchJs.QueryServers.Tests.Support;

/// <summary>Fresh engines of each kind the conformance cases run on, with their log lines collected.</summary>
public static class Engines
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Names => new() { "jint", "v8" };

    public static async Task<LineProtocolServer> Start(string engine, List<string> log, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        void Collect(string message)
        {
            lock (log) log.Add(message);
        }
        return engine switch
        {
            "jint" => await JintQueryServer.Create(new JintLimits(limit), Collect),
            "v8" => await ExternalQueryServer.Start("v8", ExternalCommand.Node(RepoPaths.NodeMain), limit, Collect, mapDocs: null, CancellationToken.None),
            _ => throw new ArgumentException("unknown engine " + engine, nameof(engine)),
        };
    }
}
