using System.Text.Json;
using CouchJs.Config;
using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;

namespace CouchJs.Http.Endpoints;

/// <summary>
/// <c>/_node/{node}/_config</c> (chttpd_node): the running configuration, server admins only (as every
/// <c>_node</c> resource). GET the whole of it, a section or a key; PUT a key with a JSON string body
/// and DELETE a key, both answering the value they replaced; <c>POST …/_config/_reload</c> drops what
/// was set without persisting. Changes go to local.ini unless the request says
/// <c>X-Couch-Persist: false</c>. Sections whose settings name programs to run cannot be changed here.
/// Admin passwords set here are stored hashed.
/// </summary>
public static class ConfigEndpoints
{
    // couch_util:check_config_blacklist.
    private static readonly string[] Blacklisted =
    [
        "daemons", "external", "httpd_design_handlers", "httpd_db_handlers", "httpd_global_handlers",
        "native_query_servers", "os_daemons", "query_servers", "feature_flags",
    ];

    public static Task Handle(CouchRequest r)
    {
        var path = r.Path;
        string node = path[1];
        if (node != "_local" && node != NodeEndpoints.NodeName) throw CouchException.NotFound("no such node: " + node);
        return path.Count switch
        {
            3 => CouchRouter.Allow(r, "GET", All),
            4 when path[3] == "_reload" => CouchRouter.Allow(r, "POST", Reload),
            4 => CouchRouter.Allow(r, "GET", req => Section(req, path[3])),
            5 => CouchRouter.Allow(r, "GET,PUT,DELETE", req => Key(req, path[3], path[4])),
            _ => throw CouchException.NotFound(),
        };
    }

    private static Task All(CouchRequest r) => JsonResponse.Write(r.Context, 200, w =>
    {
        w.WriteStartObject();
        foreach (var (section, entries) in r.Services.Config.All()) WriteSection(w, section, entries);
        w.WriteEndObject();
    });

    private static Task Section(CouchRequest r, string section) => JsonResponse.Write(r.Context, 200, w =>
    {
        w.WriteStartObject();
        foreach (var (key, value) in r.Services.Config.Section(section)) w.WriteString(key, value);
        w.WriteEndObject();
    });

    private static void WriteSection(Utf8JsonWriter w, string section, IReadOnlyDictionary<string, string> entries)
    {
        w.WriteStartObject(section);
        foreach (var (key, value) in entries) w.WriteString(key, value);
        w.WriteEndObject();
    }

    private static Task Key(CouchRequest r, string section, string key)
    {
        var config = r.Services.Config;
        if (r.Method is "GET" or "HEAD")
            return Value(r, config.Get(section, key) ?? throw UnknownValue());
        if (Blacklisted.Contains(section))
            throw new CouchException(403, "forbidden", "Config section blacklisted for modification over HTTP API.");
        bool persist = r.Http.Headers["X-Couch-Persist"] != "false";
        return r.Method == "PUT" ? Put(r, config, section, key, persist) : Delete(r, config, section, key, persist);
    }

    private static async Task Put(CouchRequest r, CouchConfig config, string section, string key, bool persist)
    {
        var body = await r.ReadBody().ConfigureAwait(false);
        string value;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.String) throw CouchException.BadRequest("a JSON string expected");
            value = json.RootElement.GetString()!.Trim();
        }
        catch (JsonException)
        {
            throw DocParser.InvalidJson();
        }
        if (section == CouchConfig.AdminsSection) value = config.HashAdminPassword(value);
        string old;
        try
        {
            old = config.Set(section, key, value, persist) ?? "";
        }
        catch (InvalidConfigException error)
        {
            throw CouchException.BadRequest(error.Message);
        }
        await Value(r, old).ConfigureAwait(false);
    }

    private static Task Delete(CouchRequest r, CouchConfig config, string section, string key, bool persist)
    {
        if (config.Get(section, key) is null) throw UnknownValue();
        return Value(r, config.Delete(section, key, persist)!);
    }

    private static Task Reload(CouchRequest r)
    {
        r.Services.Config.Reload();
        return JsonResponse.Ok(r.Context);
    }

    private static Task Value(CouchRequest r, string value) => JsonResponse.Write(r.Context, 200, w => w.WriteStringValue(value));

    private static CouchException UnknownValue() => CouchException.NotFound("unknown_config_value");
}
