namespace CouchJs.Database.Model;

/// <summary>A <c>_local/</c> document: never replicated, not in by-seq; revisions are <c>0-N</c>.</summary>
public sealed record LocalDoc(string Id, long Rev, byte[] Body);

/// <summary>One purge request's record (purge trees), as <c>_purged_infos</c> reports it.</summary>
public sealed record PurgeInfo(long PurgeSeq, string Uuid, string DocId, string[] Revs);
