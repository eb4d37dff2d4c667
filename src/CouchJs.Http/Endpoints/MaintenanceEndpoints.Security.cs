using System.Text.Json;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Database.Json;
using CouchJs.Http.Queries;
using CouchJs.Http.Responses;

namespace CouchJs.Http.Endpoints;

// GET/PUT /{db}/_security: the security object, stored as given once it passes
// couch_db:validate_security_object.
public static partial class MaintenanceEndpoints
{
    public static Task Security(CouchRequest r, string db)
    {
        var database = DatabaseEndpoints.Open(r, db);
        return r.Method == "PUT" ? SetSecurity(r, database) : GetSecurity(r, database);
    }

    // CouchDB writes the default object into a new database; CouchJs answers it until one is set.
    private static Task GetSecurity(CouchRequest r, CouchDatabase database)
    {
        using var reader = database.OpenReader();
        return JsonResponse.WriteRaw(r.Context, 200, r.Services.Security.Json(reader));
    }

    private static async Task SetSecurity(CouchRequest r, CouchDatabase database)
    {
        CheckSecurityEditable(r, database.Name);
        var body = await r.ReadBody().ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(body);
            ValidateSecurity(json.RootElement);
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        var stored = new byte[body.Length];
        await database.SetSecurity(stored[..JsonMinifier.Minify(body, stored)]).ConfigureAwait(false);
        await JsonResponse.Ok(r.Context).ConfigureAwait(false);
    }

    // chttpd_db:validate_security_can_be_edited.
    private static void CheckSecurityEditable(CouchRequest r, string db)
    {
        var config = r.Services.Config;
        if (db == config.Get("chttpd_auth", "authentication_db", "_users") && config.Get("couchdb", "users_db_security_editable", "false") == "false")
            throw new CouchException(403, "forbidden", "You can't edit the security object of the user database.");
    }

    // couch_db:validate_security_object, with its reasons; CouchDB itself lets the failure surface as
    // a 500 "no_majority" from its cluster layer, CouchJs answers 400 with the reason.
    private static void ValidateSecurity(JsonElement security)
    {
        if (security.ValueKind != JsonValueKind.Object) throw JsonBody.NotAnObject();
        ValidateNamesAndRoles(security, "admins");
        ValidateNamesAndRoles(security, security.TryGetProperty("members", out _) ? "members" : "readers");
    }

    private static void ValidateNamesAndRoles(JsonElement security, string group)
    {
        if (!security.TryGetProperty(group, out var value)) return;
        if (value.ValueKind != JsonValueKind.Object) throw CouchException.BadRequest("admins or members must be a JSON list of strings");
        RequireStrings(value, "names");
        RequireStrings(value, "roles");
    }

    private static void RequireStrings(JsonElement group, string member)
    {
        if (!group.TryGetProperty(member, out var list)) return;
        bool valid = list.ValueKind == JsonValueKind.Array;
        if (valid)
            foreach (var item in list.EnumerateArray()) valid &= item.ValueKind == JsonValueKind.String;
        if (!valid) throw CouchException.BadRequest(member + " must be a JSON list of strings");
    }
}
