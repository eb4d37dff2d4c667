using CouchJs.QueryServers.External;

namespace CouchJs.QueryServers.Pooling;

/// <summary>Which engine a language runs on: the built-in Jint or Node/V8, or a configured command.</summary>
internal sealed record EngineSpec(EngineKind Kind, string Name, ExternalCommand? Command)
{
    /// <summary>What engines of one pool share (a pool per spec).</summary>
    public string Key { get; } = Kind + ":" + Command?.Display;

    public static readonly EngineSpec Jint = new(EngineKind.Jint, "jint", null);

    public static EngineSpec V8(string mainJs) => new(EngineKind.V8, "v8", ExternalCommand.Node(mainJs));

    /// <summary>A configured command line; named after its program (e.g. "couchjs").</summary>
    public static EngineSpec Shell(string commandLine)
    {
        string program = commandLine.Trim().Split(' ', 2)[0];
        return new(EngineKind.Command, Path.GetFileName(program), ExternalCommand.Shell(commandLine));
    }
}

internal enum EngineKind
{
    Jint,
    V8,
    Command,
}
