using System.Globalization;
using CouchJs.Database.Model;

namespace CouchJs.Database.Writing;

/// <summary>
/// Writes or deletes a <c>_local/</c> document. Its revision is a counter shown as <c>0-N</c>; the
/// given rev must match the stored one (none for a new doc), as couch_db_updater checks.
/// </summary>
internal sealed class LocalDocOp(string id, string? rev, bool delete, byte[] body) : WriteOp<string>
{
    protected override string Run(WriteBatch batch)
    {
        var current = batch.GetLocal(id);
        long given = ParseRev(rev);
        if ((current?.Rev ?? 0) != given) throw CouchException.Conflict();
        if (delete)
        {
            if (current is null) throw CouchException.NotFound();
            batch.SetLocal(id, null);
            return "0-0";
        }
        batch.SetLocal(id, new LocalDoc(id, given + 1, body));
        return "0-" + (given + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static long ParseRev(string? rev)
    {
        if (rev is null) return 0;
        int dash = rev.IndexOf('-');
        string number = dash >= 0 ? rev[(dash + 1)..] : rev;
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : throw CouchException.Conflict();
    }
}
