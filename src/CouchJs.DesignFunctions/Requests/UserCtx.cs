using System.Text.Json;

namespace CouchJs.DesignFunctions.Requests;

/// <summary>CouchDB's user_ctx as design functions see it: a name (null when anonymous) and roles.</summary>
public sealed record UserCtx(string? Name, IReadOnlyList<string> Roles)
{
    /// <summary>Who writes when no request does (server setup): the server admin, as couch_db's admin context.</summary>
    public static readonly UserCtx ServerAdmin = new(null, ["_admin"]);

    /// <summary>couch_util:json_user_ctx: <c>{"db": …, "name": …, "roles": […]}</c>.</summary>
    public void Write(Utf8JsonWriter w, string db)
    {
        w.WriteStartObject();
        w.WriteString("db"u8, db);
        if (Name is null) w.WriteNull("name"u8);
        else w.WriteString("name"u8, Name);
        w.WriteStartArray("roles"u8);
        foreach (string role in Roles) w.WriteStringValue(role);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
