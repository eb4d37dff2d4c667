using System.Text;
using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Auth;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/_session</c> (couch_httpd_auth:handle_session_req): POST logs in with a name and password
/// (form-encoded or JSON) and sets the <c>AuthSession</c> cookie; GET tells who the request is from and
/// how; DELETE clears the cookie. <c>?next=</c> (and on a failed login <c>?fail=</c>) turn the answer
/// into a 302 to that path.
/// </summary>
public static class SessionEndpoints
{
    public static Task Handle(CouchRequest r) => CouchRouter.Allow(r, "GET,HEAD,POST,DELETE", req => req.Method switch
    {
        "POST" => Login(req),
        "DELETE" => Logout(req),
        _ => Info(req),
    });

    private static async Task Login(CouchRequest r)
    {
        var form = await ReadForm(r).ConfigureAwait(false);
        string name = UserName(form);
        string password = form.GetValueOrDefault("password", "");
        var auth = r.Services.Auth;
        var creds = auth.Credentials.Get(name);
        var config = r.Services.Config;
        if (!auth.Passwords.Verify(r.Context.Connection.RemoteIpAddress, name, password, creds))
        {
            SetCookie(r, "");
            await Answer(r, 401, "fail", w =>
            {
                w.WriteString("error", "unauthorized");
                w.WriteString("reason", Authenticator.NameOrPasswordIncorrect);
            }).ConfigureAwait(false);
            return;
        }
        if (creds!.Totp is { } totp && !totp.Verify(form.GetValueOrDefault("token", ""), SessionCookie.Now(auth.Time)))
            throw AccessErrors.Unauthorized(Authenticator.NameOrPasswordIncorrect);
        byte[] fullSecret = SessionCookie.FullSecret(AuthSecret.Ensure(config), creds.Salt);
        SetCookie(r, SessionCookie.Value(name, SessionCookie.Now(auth.Time), fullSecret, HmacAlgorithms.Configured(config)[0]));
        await Answer(r, 200, "next", w =>
        {
            w.WriteBoolean("ok", true);
            w.WriteString("name", name);
            WriteRoles(w, creds.Roles);
        }).ConfigureAwait(false);
    }

    private static Task Info(CouchRequest r)
    {
        var user = r.User;
        if (user.Name is null && r.Query("basic") == "true") throw AccessErrors.Unauthorized("Please login.");
        return JsonResponse.Write(r.Context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteStartObject("userCtx");
            w.WriteString("name", user.Name);
            WriteRoles(w, user.Roles);
            w.WriteEndObject();
            w.WriteStartObject("info");
            w.WriteStartArray("authentication_handlers");
            foreach (string handler in AuthHandlers.Names(r.Services.Config)) w.WriteStringValue(handler);
            w.WriteEndArray();
            if (user.Handler is { } handlerName) w.WriteString("authenticated", handlerName);
            if (r.Services.Config.Get("chttpd_auth", "authentication_db") is { } db) w.WriteString("authentication_db", db);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static Task Logout(CouchRequest r)
    {
        SetCookie(r, "");
        return Answer(r, 200, "next", w => w.WriteBoolean("ok", true));
    }

    // The body as name/value pairs: form fields, or a JSON object's string members; the first of a name wins.
    private static async Task<Dictionary<string, string>> ReadForm(CouchRequest r)
    {
        string type = (r.Http.ContentType ?? "").Split(';', 2)[0];
        var body = await r.ReadBody().ConfigureAwait(false);
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (type.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)))
                form.TryAdd(key, values[0] ?? "");
            return form;
        }
        if (!type.StartsWith("application/json", StringComparison.Ordinal))
            throw new CouchException(415, "bad_content_type", "Content-Type must be 'application/x-www-form-urlencoded' or 'application/json'");
        using var json = Parse(body);
        if (json.RootElement.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("Request body must be a JSON object");
        foreach (var member in json.RootElement.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String) throw CouchException.BadRequest("Session fields must be strings");
            form.TryAdd(member.Name, member.Value.GetString()!);
        }
        return form;
    }

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
    }

    // extract_username: "name", or "username" (the same one when both are given).
    private static string UserName(Dictionary<string, string> form)
    {
        bool hasName = form.TryGetValue("name", out string? name), hasUsername = form.TryGetValue("username", out string? username);
        if (!hasName && !hasUsername) throw CouchException.BadRequest("request body must contain a username");
        if (hasName && hasUsername && name != username) throw CouchException.BadRequest("request body contains different usernames");
        return (name ?? username)!;
    }

    private static void SetCookie(CouchRequest r, string value) =>
        r.Response.Headers.Append("Set-Cookie", SessionCookie.Header(value, r.Http, r.Services.Config, r.Services.Auth.Time.GetUtcNow()));

    // A JSON answer, turned into a 302 to the path in ?next= or ?fail= when given.
    private static Task Answer(CouchRequest r, int status, string redirectParam, Action<Utf8JsonWriter> members)
    {
        if (r.Query(redirectParam) is { } target)
        {
            status = 302;
            r.Response.Headers.Location = AbsoluteUri.For(r.Http, r.Services.Config, target);
        }
        return JsonResponse.Write(r.Context, status, w =>
        {
            w.WriteStartObject();
            members(w);
            w.WriteEndObject();
        });
    }

    private static void WriteRoles(Utf8JsonWriter w, IReadOnlyList<string> roles)
    {
        w.WriteStartArray("roles");
        foreach (string role in roles) w.WriteStringValue(role);
        w.WriteEndArray();
    }
}
