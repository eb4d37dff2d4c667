using CouchJs.Config;
using CouchJs.Database.Writing;
using CouchJs.DesignFunctions;
using CouchJs.DesignFunctions.Designs;
using CouchJs.DesignFunctions.Documents;
using CouchJs.DesignFunctions.Validation;
using CouchJs.Http.Auth;
using CouchJs.QueryServers;

namespace CouchJs.Http.DesignFunctions;

/// <summary>
/// The design-function pieces the server is built with: one design doc cache shared by the runner
/// (shows, lists, updates, filters, rewrites) and the validate_doc_update write guard, which the
/// databases must be given when they are made.
/// </summary>
public sealed class DesignFunctionServices
{
    public DesignFunctionServices(CouchConfig config, IQueryServerPool pool, DbSecurity security)
    {
        var cache = new DesignDocCache();
        var docs = new QueryServerDocs(config.GetInt("query_server_config", "revs_limit", QueryServerDocs.DefaultRevsLimit));
        Runner = new DesignFunctionRunner(pool, cache, docs);
        Guard = new ValidateDocUpdateGuard(cache, pool, new RequestContext(security), docs);
    }

    public DesignFunctionRunner Runner { get; }

    /// <summary>Runs every design document's validate_doc_update on document writes.</summary>
    public IDocWriteGuard Guard { get; }
}
