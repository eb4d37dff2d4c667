using System.Text.Json;
using CouchJs.Database;
using CouchJs.Http.Auth.Jwt;
using Microsoft.AspNetCore.Http;

namespace CouchJs.Http.Auth;

// The "jwt" handler (couch_httpd_auth:jwt_authentication_handler): Authorization: Bearer <token>,
// checked by JwtToken against [jwt_keys]; the name is the sub claim, the roles come from
// [jwt_auth] roles_claim_path (nested, "." separates keys, "\." is a dot in a key) or roles_claim_name
// (top level, _couchdb.roles by default): a list of strings, or one comma-separated string.
public sealed partial class Authenticator
{
    private const string DefaultRolesClaim = "_couchdb.roles";

    private Authentication? Jwt(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.Ordinal)) return null;
        var claims = JwtToken.Decode(header[7..], RequiredClaims.From(config), jwtKeys, SessionCookie.Now(Time));
        var roles = Roles(claims);
        if (!claims.TryGetProperty("sub", out var sub)) throw AccessErrors.Unauthorized("Token missing sub claim.");
        string name = sub.ValueKind == JsonValueKind.String ? sub.GetString()! : sub.GetRawText();
        return new Authentication(new UserContext(name, roles), null);
    }

    private string[] Roles(JsonElement claims)
    {
        JsonElement? value;
        if (config.Get("jwt_auth", "roles_claim_path") is { } path) value = Nested(claims, path);
        else value = claims.TryGetProperty(config.Get("jwt_auth", "roles_claim_name", DefaultRolesClaim), out var v) ? v : null;
        return value switch
        {
            null => [],
            { ValueKind: JsonValueKind.String } s => SplitList(s.GetString()!),
            { ValueKind: JsonValueKind.Array } a when a.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                [.. a.EnumerateArray().Select(e => e.GetString()!)],
            _ => throw CouchException.BadRequest("Malformed token"),
        };
    }

    // couch_util:get_nested_json_value: every key must be there.
    private static JsonElement Nested(JsonElement claims, string path)
    {
        var current = claims;
        foreach (string key in SplitPath(path))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out var next))
                throw CouchException.NotFound("missing json key: " + key);
            current = next;
        }
        return current;
    }

    private static List<string> SplitPath(string path)
    {
        var keys = new List<string>();
        var key = new System.Text.StringBuilder();
        for (int i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.')
            {
                key.Append('.');
                i++;
            }
            else if (path[i] == '.')
            {
                keys.Add(key.ToString());
                key.Clear();
            }
            else key.Append(path[i]);
        }
        keys.Add(key.ToString());
        return keys;
    }
}
