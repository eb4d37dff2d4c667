using System.Text;
using System.Text.RegularExpressions;

namespace CouchJs.Database.Users;

/// <summary>
/// <c>[chttpd_auth] password_regexp</c>: an Erlang list whose elements are a regular expression string,
/// or a tuple of one and the reason text added to "Password does not conform to requirements." when a
/// new password does not match it, e.g. <c>[{".{10,}", "Min length is 10 chars."}, "[A-Z]+"]</c>
/// (couch_users_db:validate_password). A setting that is no such list refuses every new password.
/// </summary>
public static class PasswordRules
{
    public const string RequirementError = "Password does not conform to requirements.";
    public const string ServerError = "Server cannot hash passwords at this time.";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>400 with the rule's reason when <paramref name="password"/> breaks a rule; 403 when the setting is unusable.</summary>
    public static void Check(string password, string setting)
    {
        if (setting is "" or "[]") return;
        foreach (var (pattern, reason) in Parse(setting))
        {
            bool matches;
            try
            {
                matches = Regex.IsMatch(password, pattern, RegexOptions.None, MatchTimeout);
            }
            catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
            {
                throw new CouchException(403, "forbidden", ServerError);
            }
            if (!matches) throw CouchException.BadRequest(reason is { Length: > 0 } ? RequirementError + " " + reason : RequirementError);
        }
    }

    private static List<(string Pattern, string? Reason)> Parse(string setting)
    {
        var reader = new TermReader(setting);
        try
        {
            var rules = reader.ReadRules();
            reader.End();
            return rules;
        }
        catch (FormatException)
        {
            throw new CouchException(403, "forbidden", ServerError);
        }
    }

    /// <summary>Just enough of Erlang's term syntax for the setting: lists, tuples, strings.</summary>
    private ref struct TermReader(string text)
    {
        private readonly string _text = text;
        private int _at;

        public List<(string, string?)> ReadRules()
        {
            var rules = new List<(string, string?)>();
            Expect('[');
            if (Peek() == ']')
            {
                _at++;
                return rules;
            }
            while (true)
            {
                rules.Add(ReadRule());
                char next = Next();
                if (next == ']') return rules;
                if (next != ',') throw new FormatException();
            }
        }

        public void End()
        {
            SkipSpace();
            if (_at < _text.Length && _text[_at] == '.') _at++;
            SkipSpace();
            if (_at != _text.Length) throw new FormatException();
        }

        // "re" | {"re"} | {"re", "reason"}; a reason that is no text is ignored, as CouchDB does.
        private (string, string?) ReadRule()
        {
            if (Peek() != '{') return (ReadString(), null);
            _at++;
            string pattern = ReadString();
            string? reason = null;
            if (Peek() == ',')
            {
                _at++;
                reason = Peek() == '"' ? ReadString() : null;
                if (reason is null) SkipTerm();
            }
            Expect('}');
            return (pattern, reason);
        }

        private string ReadString()
        {
            Expect('"');
            var value = new StringBuilder();
            while (_at < _text.Length && _text[_at] != '"')
            {
                char c = _text[_at++];
                if (c != '\\') value.Append(c);
                else if (_at < _text.Length) value.Append(Escape(_text[_at++]));
            }
            Expect('"');
            return value.ToString();
        }

        private static char Escape(char c) => c switch
        {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            's' => ' ',
            _ => c,
        };

        // Any other term in a reason's place: skipped up to the tuple's end.
        private void SkipTerm()
        {
            int depth = 0;
            while (_at < _text.Length && (depth > 0 || _text[_at] != '}'))
            {
                char c = _text[_at++];
                if (c is '{' or '[') depth++;
                else if (c is '}' or ']') depth--;
            }
        }

        private void Expect(char c)
        {
            if (Next() != c) throw new FormatException();
        }

        private char Next()
        {
            SkipSpace();
            return _at < _text.Length ? _text[_at++] : throw new FormatException();
        }

        private char Peek()
        {
            SkipSpace();
            return _at < _text.Length ? _text[_at] : '\0';
        }

        private void SkipSpace()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
        }
    }
}
