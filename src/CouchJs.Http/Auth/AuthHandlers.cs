using System.Text.RegularExpressions;
using CouchJs.Config;

namespace CouchJs.Http.Auth;

/// <summary>
/// <c>[chttpd] authentication_handlers</c>: <c>{module, function}</c> pairs tried in order until one
/// names the user. Each is known by the first word of its function, as <c>GET /_session</c> lists them:
/// <c>cookie</c>, <c>default</c> (Basic), <c>proxy</c>, <c>jwt</c>. Functions CouchJs does not have are
/// left out. The parsed list is kept until the setting changes.
/// </summary>
public static partial class AuthHandlers
{
    public const string Default = "{chttpd_auth, cookie_authentication_handler}, {chttpd_auth, default_authentication_handler}";

    private static readonly string[] Known = ["cookie", "default", "proxy", "jwt"];

    private static Parsed _parsed = new(Default, ["cookie", "default"]);

    [GeneratedRegex(@"\{\s*[a-z_]+\s*,\s*([a-z_]+)_authenti(?:c|fic)ation_handler\s*\}")]
    private static partial Regex Spec();

    public static IReadOnlyList<string> Names(CouchConfig config)
    {
        string setting = config.Get("chttpd", "authentication_handlers", Default);
        var parsed = Volatile.Read(ref _parsed);
        if (parsed.Setting == setting) return parsed.Names;
        var names = Spec().Matches(setting).Select(m => m.Groups[1].Value).Where(Known.Contains).ToArray();
        Volatile.Write(ref _parsed, new Parsed(setting, names));
        return names;
    }

    private sealed record Parsed(string Setting, IReadOnlyList<string> Names);
}
