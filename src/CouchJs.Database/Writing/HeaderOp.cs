using CouchJs.Storage.Database;

namespace CouchJs.Database.Writing;

/// <summary>Changes header fields (security object, revs_limit, purged_infos_limit) in a batch.</summary>
internal sealed class HeaderOp(Func<WriteBatch, DbHeader> change) : WriteOp<bool>
{
    protected override bool Run(WriteBatch batch)
    {
        batch.Header = change(batch);
        batch.HeaderChanged();
        return true;
    }
}
