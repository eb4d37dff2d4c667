using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CouchJs.Database.Mango;

/// <summary>
/// JSON values written as Erlang's <c>~w</c> prints their EJSON form, because Mango's error reasons
/// embed them that way: strings <c>&lt;&lt;"a"&gt;&gt;</c>, objects <c>{[{&lt;&lt;"k"&gt;&gt;,1}]}</c>,
/// arrays <c>[1,2]</c>, <c>null</c>/<c>true</c>/<c>false</c> atoms, floats like <c>1.5</c> or <c>1.0e20</c>.
/// </summary>
public static class ErlangTerm
{
    public static string Format(JsonElement value)
    {
        var text = new StringBuilder();
        Append(text, value);
        return text.ToString();
    }

    public static string Binary(string value)
    {
        var text = new StringBuilder();
        AppendBinary(text, value);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                AppendBinary(text, value.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(Number(value));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Array:
                text.Append('[');
                bool first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first) text.Append(',');
                    first = false;
                    Append(text, item);
                }
                text.Append(']');
                break;
            default:
                text.Append("{[");
                bool firstMember = true;
                foreach (var member in value.EnumerateObject())
                {
                    if (!firstMember) text.Append(',');
                    firstMember = false;
                    text.Append('{');
                    AppendBinary(text, member.Name);
                    text.Append(',');
                    Append(text, member.Value);
                    text.Append('}');
                }
                text.Append("]}");
                break;
        }
    }

    // A binary prints as a string when every byte is printable latin-1, else as its byte values.
    private static void AppendBinary(StringBuilder text, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        bool printable = true;
        foreach (byte b in bytes)
            if (b is < 32 or (> 126 and < 160)) printable = false;
        text.Append("<<");
        if (printable)
        {
            text.Append('"');
            foreach (char c in value)
            {
                if (c is '"' or '\\') text.Append('\\');
                text.Append(c);
            }
            text.Append('"');
        }
        else
        {
            text.AppendJoin(',', bytes);
        }
        text.Append(">>");
    }

    private static string Number(JsonElement value)
    {
        if (JsonValues.IsInteger(value)) return value.GetRawText();
        string shortest = JsonValues.Double(value).ToString("R", CultureInfo.InvariantCulture);
        int e = shortest.IndexOf('E');
        string mantissa = e < 0 ? shortest : shortest[..e];
        if (!mantissa.Contains('.')) mantissa += ".0";
        return e < 0 ? mantissa : mantissa + "e" + int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
