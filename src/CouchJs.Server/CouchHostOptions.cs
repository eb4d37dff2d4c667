using System.Globalization;

namespace CouchJs.Server;

/// <summary>Command line and environment of the host: where data lives and where to listen.</summary>
public sealed record CouchHostOptions(string DataDir, int? Port, string? Bind)
{
    public const string Usage =
        "usage: CouchJs.Server [--port N] [--data-dir DIR] [--bind ADDRESS]\n" +
        "  env: COUCHJS_PORT, COUCHJS_DATA_DIR, COUCHDB_USER + COUCHDB_PASSWORD (the admin), COUCHJS_<SECTION>__<KEY> (any ini setting)";

    public static CouchHostOptions Parse(string[] args, Func<string, string?> env)
    {
        string dataDir = env("COUCHJS_DATA_DIR") ?? Path.Combine(Directory.GetCurrentDirectory(), "data");
        int? port = env("COUCHJS_PORT") is { } p ? ParsePort(p) : null;
        string? bind = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value\n{Usage}");
            switch (args[i])
            {
                case "--port": port = ParsePort(Next()); break;
                case "--data-dir": dataDir = Next(); break;
                case "--bind": bind = Next(); break;
                case "--help" or "-h": throw new ArgumentException(Usage);
                default: throw new ArgumentException($"unknown argument {args[i]}\n{Usage}");
            }
        }
        return new CouchHostOptions(Path.GetFullPath(dataDir), port, bind);
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"bad port '{text}'\n{Usage}");
}
