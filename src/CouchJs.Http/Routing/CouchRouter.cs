using CouchJs.Database;
using CouchJs.Database.Documents;
using CouchJs.Http.Endpoints;

namespace CouchJs.Http.Routing;

/// <summary>
/// Maps a path to its endpoint family, as chttpd's url handlers do: server resources start with an
/// underscore, then a database name, then a database resource (<c>_all_docs</c>, <c>_changes</c>…),
/// a design or local document, or a document and its attachment. A method a resource does not take
/// is 405 with an <c>Allow</c> header.
/// </summary>
public static class CouchRouter
{
    public static Task Dispatch(CouchRequest r)
    {
        var path = r.Path;
        if (path.Count == 0) return Allow(r, "GET,HEAD", ServerEndpoints.Welcome);
        string first = path[0];
        if (first == "favicon.ico") return Allow(r, "GET,HEAD", ServerEndpoints.Favicon);
        if (first == "_node" && NodeEndpoints.Route(path) is { } node) return node(r);
        if (path.Count == 1 && Server(first) is { } server) return server(r);
        if (path.Count == 1) return DatabaseEndpoints.Handle(r, first);
        return Database(r, first, path[1]);
    }

    // Server resources; any other name is a database name (so an unknown _name is 400 illegal_database_name).
    private static Func<CouchRequest, Task>? Server(string resource) => resource switch
    {
        "_up" => r => Allow(r, "GET,HEAD", ServerEndpoints.Up),
        "_session" => SessionEndpoints.Handle,
        "_uuids" => r => Allow(r, "GET", ServerEndpoints.Uuids),
        "_all_dbs" => r => Allow(r, "GET,HEAD", ServerEndpoints.AllDbs),
        "_dbs_info" => r => Allow(r, "GET,HEAD,POST", ServerEndpoints.DbsInfo),
        "_active_tasks" => r => Allow(r, "GET,HEAD", ServerEndpoints.ActiveTasks),
        _ => null,
    };

    private static Task Database(CouchRequest r, string db, string resource)
    {
        int count = r.Path.Count;
        switch (resource)
        {
            case "_all_docs" when count == 2: return Allow(r, "GET,HEAD,POST", req => AllDocsEndpoints.AllDocs(req, db));
            case "_design_docs" when count == 2: return Allow(r, "GET,HEAD,POST", req => AllDocsEndpoints.DesignDocs(req, db));
            case "_local_docs" when count == 2: return Allow(r, "GET,HEAD,POST", req => AllDocsEndpoints.LocalDocs(req, db));
            case "_all_docs" or "_design_docs" or "_local_docs" when count == 3 && r.Path[2] == "queries":
                return Allow(r, "POST", req => AllDocsEndpoints.Queries(req, db, resource));
            case "_bulk_docs" when count == 2: return Allow(r, "POST", req => BulkEndpoints.BulkDocs(req, db));
            case "_bulk_get" when count == 2: return Allow(r, "POST", req => BulkEndpoints.BulkGet(req, db));
            case "_revs_diff" when count == 2: return Allow(r, "POST", req => BulkEndpoints.RevsDiff(req, db));
            case "_missing_revs" when count == 2: return Allow(r, "POST", req => BulkEndpoints.MissingRevs(req, db));
            case "_changes" when count == 2: return Allow(r, "GET,POST,HEAD", req => ChangesEndpoints.Changes(req, db));
            case "_compact" when count == 2: return Allow(r, "POST", req => MaintenanceEndpoints.Compact(req, db));
            case "_compact" when count == 3: return Allow(r, "POST", req => DesignDocEndpoints.Compact(req, db, r.Path[2]));
            case "_view_cleanup" when count == 2: return Allow(r, "POST", req => DesignDocEndpoints.Cleanup(req, db));
            case "_design" when count >= 4 && DesignFunction(r.Path[3]) is { } function: return function(r, db, r.Path[2]);
            case "_design" when count >= 4 && DesignDocEndpoints.Route(r, db) is { } design: return design(r);
            case "_ensure_full_commit" when count == 2: return Allow(r, "POST", req => MaintenanceEndpoints.EnsureFullCommit(req, db));
            case "_revs_limit" when count == 2: return Allow(r, "PUT,GET", req => MaintenanceEndpoints.RevsLimit(req, db));
            case "_purged_infos_limit" when count == 2: return Allow(r, "GET,PUT", req => MaintenanceEndpoints.PurgedInfosLimit(req, db));
            case "_security" when count == 2: return Allow(r, "PUT,GET", req => MaintenanceEndpoints.Security(req, db));
            case "_purge" when count == 2: return Allow(r, "POST", req => MaintenanceEndpoints.Purge(req, db));
            case "_purged_infos" when count == 2: return Allow(r, "GET", req => MaintenanceEndpoints.PurgedInfos(req, db));
            case "_design" or "_local" when count >= 3:
                return Document(r, db, resource + "/" + r.Path[2], 3);
            default:
                return Document(r, db, resource, 2);
        }
    }

    // A design document's functions (chttpd_show, chttpd_rewrite): any method reaches them.
    private static Func<CouchRequest, string, string, Task>? DesignFunction(string resource) => resource switch
    {
        "_show" => ShowEndpoints.Show,
        "_list" => ListEndpoints.List,
        "_update" => UpdateEndpoints.Update,
        "_rewrite" => RewriteEndpoints.Rewrite,
        _ => null,
    };

    // A document (count == attachment start) or one of its attachments (the rest of the path, slashes kept).
    private static Task Document(CouchRequest r, string db, string docId, int attachmentStart)
    {
        if (r.Path.Count == attachmentStart)
        {
            return DocIds.IsLocal(docId)
                ? Allow(r, "GET,HEAD,PUT,DELETE,COPY", req => LocalDocEndpoints.Handle(req, db, docId))
                : Allow(r, "GET,HEAD,PUT,DELETE,COPY", req => DocumentEndpoints.Handle(req, db, docId));
        }
        string attachment = r.Path.Join(attachmentStart);
        return Allow(r, "DELETE,GET,HEAD,PUT", req => AttachmentEndpoints.Handle(req, db, docId, attachment));
    }

    /// <summary>
    /// Runs <paramref name="handler"/> when the method is one of <paramref name="methods"/> (HEAD goes where GET
    /// does); otherwise 405 with <paramref name="advertised"/> (CouchDB's own list, which may leave out a method
    /// it takes) as the Allow header.
    /// </summary>
    public static Task Allow(CouchRequest r, string methods, Func<CouchRequest, Task> handler, string? advertised = null)
    {
        string method = r.Method == "HEAD" ? "GET" : r.Method;
        foreach (var allowed in methods.AsSpan().Split(','))
            if (methods.AsSpan()[allowed].Equals(method, StringComparison.Ordinal)) return handler(r);
        throw NotAllowed(r, advertised ?? methods);
    }

    /// <summary>405 with <paramref name="advertised"/> as the Allow header and in the reason, as chttpd:send_method_not_allowed.</summary>
    public static CouchException NotAllowed(CouchRequest r, string advertised)
    {
        r.Response.Headers.Allow = advertised;
        return new CouchException(405, "method_not_allowed", $"Only {advertised} allowed");
    }
}
