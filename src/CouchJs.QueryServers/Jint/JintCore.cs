using System.Reflection;
using System.Text;

namespace CouchJs.QueryServers.Jint;

/// <summary>
/// The shared ES5 query-server core (<c>queryservers/core/*.js</c>, embedded in this assembly) as one
/// script: the files, in name order, evaluated inside one function scope as the Node host does (so
/// none of the core's names is a global design functions could replace), and glue that turns the
/// dispatcher into functions answering JSON text. A command crosses into the engine as one string,
/// or, when it carries documents, as engine values the host built (documents that decode a member
/// when a function reads it); its answer comes back as one string: no per-object marshalling out.
/// </summary>
internal static class JintCore
{
    /// <summary>The global the host's log sink is handed in as; the script takes it and deletes it.</summary>
    public const string LogSinkGlobal = "__couchjsLog";

    /// <summary>The global the host's list exchange (intermediate answer out, next command in) is handed in as.</summary>
    public const string ExchangeGlobal = "__couchjsExchange";

    private const string ResourcePrefix = "core/";

    // The script's completion value is {handle, handleValue}: no global names are left for design
    // functions (which run in the global scope) to see or replace.
    //   handle(text): one command as JSON text; answers JSON text (null when it cannot be serialized).
    //   handleValue(command): one command already made of engine values (documents as the host
    //     decodes them); answers JSON text (or null).
    private const string Prologue = """
        (function (sink, exchange, parse, createQueryServer) {
          delete __couchjsLog;
          delete __couchjsExchange;
          var qs = createQueryServer({
            log: function (message) { sink(message); },
            exchange: function (answer) { var json = qs.toJson(answer); return exchange(json === null ? "null" : json); }
          });
          return {
            handle: function (text) { return qs.toJson(qs.handle(parse(text), text.length)); },
            handleValue: function (command) { return qs.toJson(qs.handle(command)); }
          };
        })(__couchjsLog, __couchjsExchange, JSON.parse, (function () {

        """;

    private const string Epilogue = """

        return createQueryServer;
        })());
        """;

    /// <summary>The whole script an engine runs once.</summary>
    public static string Script { get; } = Load();

    /// <summary>Jint's version, as <c>/_node/_local/_versions</c> reports it.</summary>
    public static string Version { get; } =
        typeof(global::Jint.Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(global::Jint.Engine).Assembly.GetName().Version!.ToString(3);

    private static string Load()
    {
        var assembly = typeof(JintCore).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0) throw new InvalidOperationException("the query-server core (queryservers/core/*.js) is not embedded in " + assembly.GetName().Name);
        var script = new StringBuilder(Prologue);
        foreach (string name in names)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            script.Append(reader.ReadToEnd()).Append('\n');
        }
        return script.Append(Epilogue).ToString();
    }
}
