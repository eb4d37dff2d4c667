using System.Globalization;
using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Mango;

namespace CouchJs.DesignFunctions.Responses;

/// <summary>
/// A response object of a show, update or list (chttpd_external:parse_external_response), its members
/// read in order so a later one wins: <c>code</c>; <c>json</c> (sent as JSON,
/// <c>application/json</c>); <c>body</c> (a string, <c>text/html; charset=utf-8</c>); <c>base64</c>
/// (decoded, <c>application/binary</c>); <c>headers</c> (their Content-Type overrides the implied
/// one); <c>stop: true</c>. Anything else is 500 external_response_error. Without a body it is an
/// empty <c>application/json</c> answer with code 200.
/// </summary>
public sealed class FunctionResponse
{
    private FunctionResponse(int code, List<KeyValuePair<string, string>> headers, byte[] body, bool isJson, string impliedType, bool stop)
    {
        Code = code;
        _headers = headers;
        Body = body;
        IsJson = isJson;
        ImpliedType = impliedType;
        Stop = stop;
    }

    private readonly List<KeyValuePair<string, string>> _headers;

    public int Code { get; }

    /// <summary>The function's headers, in its order, then those the server set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    /// <summary>The bytes to send: the JSON (with chttpd's trailing newline), the text, or the decoded base64.</summary>
    public byte[] Body { get; }

    /// <summary>From <c>json</c>: sent as chttpd:send_json does (Cache-Control: must-revalidate, no CSP).</summary>
    public bool IsJson { get; }

    /// <summary>The Content-Type the body implies; the function's own Content-Type header wins.</summary>
    public string ImpliedType { get; }

    public bool Stop { get; }

    /// <summary>The Content-Type to send: the function's header (any case), else the implied one.</summary>
    public string ContentType =>
        Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? ImpliedType;

    /// <summary>
    /// chttpd_show's apply_headers: sets a header the server controls (a show's ETag and Vary, an
    /// update's new rev and id), dropping the function's header of exactly that name.
    /// </summary>
    public void SetHeader(string name, string value)
    {
        _headers.RemoveAll(h => h.Key == name);
        _headers.Add(new(name, value));
    }

    /// <summary>Reads a response object; <paramref name="initialCode"/> stands before its members (an update's 201), so its own <c>code</c> wins.</summary>
    public static FunctionResponse Parse(JsonElement response, int initialCode = 200)
    {
        int code = initialCode;
        var headers = new List<KeyValuePair<string, string>>();
        byte[] body = [];
        bool isJson = false;
        string implied = "application/json";
        bool stop = false;
        foreach (var member in response.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "code" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int c):
                    code = c;
                    break;
                case "stop" when value.ValueKind == JsonValueKind.True:
                    stop = true;
                    break;
                case "json":
                    body = Encoding.UTF8.GetBytes(value.GetRawText() + "\n");
                    isJson = true;
                    implied = "application/json";
                    break;
                case "body":
                    body = Encoding.UTF8.GetBytes(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
                    isJson = false;
                    implied = "text/html; charset=utf-8";
                    break;
                case "base64" when value.ValueKind == JsonValueKind.String:
                    body = Base64(value.GetString()!);
                    isJson = false;
                    implied = "application/binary";
                    break;
                case "headers" when value.ValueKind == JsonValueKind.Object:
                    headers = [.. value.EnumerateObject().Select(h => new KeyValuePair<string, string>(h.Name, HeaderValue(member, h.Value)))];
                    break;
                default:
                    throw Invalid(member);
            }
        }
        return new FunctionResponse(code, headers, body, isJson, implied, stop);
    }

    // couch_util:to_list: strings as they are, numbers and atoms as their text.
    private static string HeaderValue(JsonProperty member, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => throw Invalid(member),
    };

    private static byte[] Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CouchException(500, "function_clause", "base64:decode");
        }
    }

    private static CouchException Invalid(JsonProperty member) =>
        new(500, "external_response_error", string.Create(CultureInfo.InvariantCulture,
            $"Invalid data from external server: {{{ErlangTerm.Binary(member.Name)},{ErlangTerm.Format(member.Value)}}}"));
}
