using CouchJs.Database;
using CouchJs.Http.Responses;
using CouchJs.Http.Routing;

namespace CouchJs.Http.Endpoints;

/// <summary><c>/{db}</c>: create (PUT), info (GET/HEAD), delete (DELETE), new document (POST).</summary>
public static class DatabaseEndpoints
{
    // chttpd_db:db_req advertises DELETE,GET,HEAD,POST; PUT (create) is handled before it.
    public static Task Handle(CouchRequest r, string db) => CouchRouter.Allow(r, "DELETE,GET,HEAD,POST,PUT", req => req.Method switch
    {
        "PUT" => Create(req, db),
        "DELETE" => Delete(req, db),
        "POST" => PostDocument(req, db),
        _ => Info(req, db),
    }, advertised: "DELETE,GET,HEAD,POST");

    private static Task Create(CouchRequest r, string name)
    {
        if (r.Bool("partitioned")) throw CouchException.BadRequest("Partitioned databases are not supported by CouchJs.");
        long q = r.Long("q") ?? 1;
        if (q < 1) throw CouchException.BadRequest("`q` must be a positive integer");
        r.Services.Databases.Create(name, r.Services.Security.DefaultJson);
        r.Response.Headers.Location = AbsoluteUrl(r, Uri.EscapeDataString(name));
        return JsonResponse.Ok(r.Context, 201);
    }

    private static async Task Delete(CouchRequest r, string name)
    {
        if (r.Has("rev"))
            throw CouchException.BadRequest("You tried to DELETE a database with a ?=rev parameter. Did you mean to DELETE a document instead?");
        DbNames.Validate(name);
        await r.Services.Databases.Delete(name).ConfigureAwait(false);
        await JsonResponse.Ok(r.Context, 200).ConfigureAwait(false);
    }

    private static Task Info(CouchRequest r, string name)
    {
        var info = DatabaseInfo.Read(Open(r, name));
        return JsonResponse.Write(r.Context, 200, info.Write);
    }

    private static async Task PostDocument(CouchRequest r, string name)
    {
        var db = Open(r, name);
        var body = await r.ReadJsonBody(requireJsonType: true).ConfigureAwait(false);
        var doc = DocumentInput.Parse(r, body);
        r.Response.Headers.Location = AbsoluteUrl(r, Uri.EscapeDataString(name) + "/" + Uri.EscapeDataString(doc.Id!));
        if (r.Query("batch") == "ok")
        {
            _ = db.UpdateDocs([doc]);
            await JsonResponse.Accepted(r.Context, doc.Id!).ConfigureAwait(false);
            return;
        }
        var result = await db.UpdateDoc(doc).ConfigureAwait(false);
        string rev = result.Rev!.Value.ToString();
        r.Response.Headers.ETag = "\"" + rev + "\"";
        await JsonResponse.Write(r.Context, 201, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", true);
            w.WriteString("id", result.Id);
            w.WriteString("rev", rev);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>The open database, or 404 "Database does not exist." (400 for a name no database can have).</summary>
    public static CouchDatabase Open(CouchRequest r, string name)
    {
        if (!DbNames.IsValid(name) && !r.Services.Databases.Exists(name)) DbNames.Validate(name);
        return r.Services.Databases.Open(name);
    }

    public static string AbsoluteUrl(CouchRequest r, string path) =>
        $"{r.Http.Scheme}://{r.Http.Host}/{path}";
}
