using System.Text;
using CouchJs.Database.Documents;
using CouchJs.Database.Revisions;

namespace CouchJs.Database.Tests.Maintenance;

/// <summary>Small writers the maintenance tests share.</summary>
internal static class MaintenanceKit
{
    public static IncomingDoc Doc(string json) => DocParser.Parse(Encoding.UTF8.GetBytes(json));

    /// <summary>Writes <paramref name="json"/> as a new revision of its doc; returns the new rev.</summary>
    public static async Task<Rev> Put(CouchDatabase db, string json) => (await db.UpdateDoc(Doc(json))).Rev!.Value;

    /// <summary>Writes a revision as replication does (<c>new_edits=false</c>), so conflicts can be made.</summary>
    public static Task Replicate(CouchDatabase db, string json) => db.UpdateDoc(Doc(json), newEdits: false);

    /// <summary>Creates <paramref name="id"/> and edits it until it has <paramref name="revisions"/> revisions.</summary>
    public static async Task<Rev> Edit(CouchDatabase db, string id, int revisions)
    {
        var rev = await Put(db, $$"""{"_id":"{{id}}","n":0,"pad":"{{new string('x', 200)}}"}""");
        for (int n = 1; n < revisions; n++)
            rev = await Put(db, $$"""{"_id":"{{id}}","_rev":"{{rev}}","n":{{n}},"pad":"{{new string('x', 200)}}"}""");
        return rev;
    }

    public static async Task Fill(CouchDatabase db, string prefix, int count)
    {
        var docs = new List<IncomingDoc>(count);
        for (int i = 0; i < count; i++) docs.Add(Doc($$"""{"_id":"{{prefix}}{{i:D5}}","i":{{i}}}"""));
        foreach (var result in await db.UpdateDocs(docs)) Assert.True(result.Ok);
    }
}

/// <summary>Runs an action on every progress report, on the compacting thread (Progress&lt;T&gt; would post it elsewhere).</summary>
internal sealed class ProgressHook(Action<CouchJs.Storage.Database.Compaction.CompactionProgress> onReport)
    : IProgress<CouchJs.Storage.Database.Compaction.CompactionProgress>
{
    public void Report(CouchJs.Storage.Database.Compaction.CompactionProgress value) => onReport(value);
}
