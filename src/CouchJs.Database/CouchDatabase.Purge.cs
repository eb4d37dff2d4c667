using CouchJs.Database.Revisions;
using CouchJs.Database.Writing;

namespace CouchJs.Database;

public sealed partial class CouchDatabase
{
    /// <summary>
    /// Purges leaf revisions (<c>_purge</c>); result i lists the revisions request i removed. An empty
    /// request list changes nothing, as fabric answers it without touching the shards.
    /// </summary>
    public Task<Rev[][]> Purge(IReadOnlyList<PurgeRequest> requests) =>
        requests.Count == 0 ? Task.FromResult(Array.Empty<Rev[]>()) : _writer.Enqueue(new PurgeOp(requests));
}
