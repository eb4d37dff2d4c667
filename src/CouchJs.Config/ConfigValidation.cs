namespace CouchJs.Config;

/// <summary>
/// CouchDB's check before a set (config.erl validate_config_update): section, key and value may
/// hold only visible ASCII, spaces and tabs — so no line break can smuggle a new line into
/// local.ini — and section and key may not hold <c>[</c> or <c>]</c>, so neither can fake a
/// section header. (CouchDB's <c>[[:graph:]]</c> class has no <c>ucp</c> flag: non-ASCII is
/// refused too.) Values may be empty.
/// </summary>
internal static class ConfigValidation
{
    public static void Check(string section, string key, string value)
    {
        if (!IsPrintable(section, brackets: false)) throw new InvalidConfigException(InvalidConfigException.InvalidSection);
        if (!IsPrintable(key, brackets: false)) throw new InvalidConfigException(InvalidConfigException.InvalidKey);
        if (!IsPrintable(value, brackets: true)) throw new InvalidConfigException(InvalidConfigException.InvalidValue);
    }

    private static bool IsPrintable(string text, bool brackets)
    {
        foreach (char c in text)
        {
            if (c is not (' ' or '\t') && c is < '!' or > '~') return false;
            if (!brackets && c is '[' or ']') return false;
        }
        return true;
    }
}
