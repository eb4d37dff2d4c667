using System.Text.Json;

namespace CouchJs.Database.Users;

/// <summary>
/// The rules of the authentication database's <c>_design/_auth</c> <c>validate_doc_update</c>, checked
/// in C# on every write of a user document, in the function's order and with its messages (each a 403
/// <c>forbidden</c>). JavaScript truthiness and <c>typeof</c> are followed where the function relies on
/// them (<c>!doc.name</c>, <c>!doc.roles</c>, <c>typeof iterations</c>).
/// </summary>
public static class UserDocRules
{
    private static readonly string[] Schemes = ["simple", "pbkdf2", "bcrypt"];

    /// <summary>The role a user document may carry although it starts with an underscore.</summary>
    private const string MetricsRole = "_metrics";

    /// <param name="isDbAdmin">The writer is a server admin or an admin of the users database (its security object).</param>
    public static CouchException? Validate(UserDocWrite write, bool isDbAdmin)
    {
        var doc = write.NewBody;
        if (write.Deleted)
            return write.UserRoles.Contains("_admin") || LooselyEquals(write.UserName, Member(write.OldBody, "name"))
                ? null
                : Forbidden("Only admins may delete other user docs.");

        if (Member(doc, "type") is not { ValueKind: JsonValueKind.String } type || type.GetString() != "user")
            return Forbidden("doc.type must be user");
        var name = Member(doc, "name");
        if (!IsTruthy(name)) return Forbidden("doc.name is required");
        var roles = Member(doc, "roles");
        if (!IsTruthy(roles)) return Forbidden("doc.roles must exist");
        if (roles!.Value.ValueKind != JsonValueKind.Array) return Forbidden("doc.roles must be an array");
        foreach (var role in roles.Value.EnumerateArray())
            if (role.ValueKind != JsonValueKind.String) return Forbidden("doc.roles can only contain strings");
        if (write.Id != UserDocs.IdPrefix + JsText(name!.Value))
            return Forbidden("Doc ID must be of the form org.couchdb.user:name");
        if (write.OldBody is { } old && !StrictlyEquals(Member(old, "name"), name))
            return Forbidden("Usernames can not be changed.");
        if (IsTruthy(Member(doc, "password_sha")) && !IsTruthy(Member(doc, "salt")))
            return Forbidden("Users with password_sha must have a salt.See /_utils/script/couch.js for example code.");
        if (SchemeError(doc) is { } schemeError) return schemeError;
        if (!isDbAdmin && RoleChangeError(write, roles.Value) is { } roleError) return roleError;
        return NameAndRoleError(name.Value, roles.Value);
    }

    private static CouchException? SchemeError(JsonElement doc)
    {
        var scheme = Member(doc, "password_scheme");
        if (IsTruthy(scheme) && (scheme!.Value.ValueKind != JsonValueKind.String || !Schemes.Contains(scheme.Value.GetString())))
            return Forbidden($"Password scheme `{JsText(scheme!.Value)}` not supported.");
        if (scheme is { ValueKind: JsonValueKind.String } s && s.GetString() == "pbkdf2")
        {
            if (Member(doc, "iterations") is not { ValueKind: JsonValueKind.Number }) return Forbidden("iterations must be a number.");
            if (Member(doc, "derived_key") is not { ValueKind: JsonValueKind.String }) return Forbidden("derived_key must be a string.");
        }
        return null;
    }

    // Users may change their own document, keeping its roles; new users get none.
    private static CouchException? RoleChangeError(UserDocWrite write, JsonElement roles)
    {
        if (write.OldBody is not { } old) return roles.GetArrayLength() > 0 ? Forbidden("Only _admin may set roles") : null;
        var name = Member(write.NewBody, "name")!.Value;
        if (write.UserName is null || name.ValueKind != JsonValueKind.String || name.GetString() != write.UserName)
            return Forbidden("You may only update your own user document.");
        var oldRoles = Member(old, "roles") is { ValueKind: JsonValueKind.Array } o ? SortedTexts(o) : [];
        return oldRoles.SequenceEqual(SortedTexts(roles)) ? null : Forbidden("Only _admin may edit roles");
    }

    private static CouchException? NameAndRoleError(JsonElement name, JsonElement roles)
    {
        foreach (var role in roles.EnumerateArray())
        {
            string text = role.GetString()!;
            if (text != MetricsRole && text.StartsWith('_')) return Forbidden("No system roles (starting with underscore) in users db.");
        }
        if (name.ValueKind != JsonValueKind.String) return null;
        string userName = name.GetString()!;
        if (userName.StartsWith('_')) return Forbidden("Username may not start with underscore.");
        return userName.Contains(':') ? Forbidden("Character `:` is not allowed in usernames.") : null;
    }

    // Array.prototype.sort without a comparer compares the elements' strings by UTF-16 code units;
    // a role that is no string never equals a string, so it stays apart ('\0'-prefixed).
    private static List<string> SortedTexts(JsonElement array)
    {
        var texts = array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "\0" + e.GetRawText()).ToList();
        texts.Sort(StringComparer.Ordinal);
        return texts;
    }

    private static JsonElement? Member(JsonElement? obj, string name) =>
        obj is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) ? value : null;

    private static bool IsTruthy(JsonElement? value) => value is { } v && v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined => false,
        JsonValueKind.String => v.GetString()!.Length > 0,
        JsonValueKind.Number => v.GetDouble() != 0,
        _ => true,
    };

    // The function's `userCtx.name == oldDoc.name`: null and undefined are equal, a number equals its text.
    private static bool LooselyEquals(string? userName, JsonElement? value) => value switch
    {
        null or { ValueKind: JsonValueKind.Null } => userName is null,
        { ValueKind: JsonValueKind.String } s => s.GetString() == userName,
        { ValueKind: JsonValueKind.Number } n => userName is not null && double.TryParse(userName, out double d) && d == n.GetDouble(),
        _ => false,
    };

    private static bool StrictlyEquals(JsonElement? a, JsonElement? b) =>
        a is { } x && b is { } y && x.ValueKind == y.ValueKind && x.ValueKind switch
        {
            JsonValueKind.String => x.GetString() == y.GetString(),
            JsonValueKind.Number => x.GetDouble() == y.GetDouble(),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
            _ => false,
        };

    // String(value) for the values a name or scheme can hold.
    private static string JsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => "[object Object]",
        _ => value.GetRawText(),
    };

    private static CouchException Forbidden(string reason) => new(403, "forbidden", reason);
}

/// <summary>
/// One write of a user document as the <c>_auth</c> rules see it: the new body (without <c>_id</c>),
/// the body of the revision it replaces (null for a new document), and who writes.
/// </summary>
public readonly record struct UserDocWrite(string Id, bool Deleted, JsonElement NewBody, JsonElement? OldBody, string? UserName, IReadOnlyList<string> UserRoles);
