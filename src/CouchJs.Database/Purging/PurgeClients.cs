using System.Text.Json;

namespace CouchJs.Database.Purging;

/// <summary>
/// Whatever keeps a <c>_local/purge-…</c> checkpoint in a database (a view index) tells here whether the
/// client a checkpoint names still exists (couch_db_plugin:is_valid_purge_client). One registry per
/// <see cref="DatabaseServer"/>; a checkpoint no client claims does not hold purge infos back.
/// </summary>
public sealed class PurgeClients
{
    private volatile Func<CouchDatabase, JsonElement, bool>[] _checks = [];
    private readonly Lock _lock = new();

    public void Register(Func<CouchDatabase, JsonElement, bool> exists)
    {
        lock (_lock) _checks = [.. _checks, exists];
    }

    /// <summary>True when a registered client claims the checkpoint; a check that fails counts as a claim, as CouchDB assumes.</summary>
    public bool Exists(CouchDatabase db, JsonElement checkpoint)
    {
        foreach (var check in _checks)
        {
            try
            {
                if (check(db, checkpoint)) return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return true;
            }
        }
        return false;
    }
}
